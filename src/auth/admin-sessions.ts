import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AdminRecord, Store, TenantId } from '../store/port.ts';
import { isLiveAdmin } from './accounts.ts';
import { newSecret, sha256 } from './secrets.ts';

/** A session ends after this long without a request… */
export const IDLE_MS = 30 * 60_000;
/** …and after this long in any case. */
export const ABSOLUTE_MS = 12 * 3_600_000;
/** Last activity is written at most this often, so reads do not all become writes. */
const TOUCH_MS = 60_000;

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage, and useless
 * without the HttpOnly cookie it is derived from.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(presented ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startSession(store: Store, admin: AdminRecord, now: Date): Promise<string> {
  const token = newSecret('');
  const at = now.toISOString();
  await store.sessions.create({
    tenant: admin.tenant,
    tokenHash: sha256(token),
    adminId: admin.id,
    createdAt: at,
    lastSeenAt: at,
  });
  return token;
}

/**
 * The admin of a live session: not idle past IDLE_MS, not older than ABSOLUTE_MS, the admin still
 * active. An expired session is deleted.
 */
export async function resumeSession(
  store: Store,
  tenant: TenantId,
  token: string,
  now: Date,
): Promise<AdminRecord | undefined> {
  const hash = sha256(token);
  const session = await store.sessions.find(tenant, hash);
  if (!session) return undefined;
  const at = now.getTime();
  if (at - Date.parse(session.lastSeenAt) > IDLE_MS || at - Date.parse(session.createdAt) > ABSOLUTE_MS) {
    await store.sessions.delete(tenant, hash);
    return undefined;
  }
  const admin = await store.admins.get(tenant, session.adminId);
  if (!isLiveAdmin(admin)) return undefined;
  if (at - Date.parse(session.lastSeenAt) > TOUCH_MS)
    await store.sessions.touch(tenant, hash, now.toISOString());
  return admin;
}

export function endSession(store: Store, tenant: TenantId, token: string): Promise<void> {
  return store.sessions.delete(tenant, sha256(token));
}
