import { isLiveAdmin } from '../auth/live-admin.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import type { AdminRecord, AdminSession, OperatorRecord, Store, TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

/** A session ends after this long without a request… */
export const IDLE_MS = 30 * 60_000;
/** …and after this long in any case. */
export const ABSOLUTE_MS = 12 * 3_600_000;
/** Last activity is written at most this often, so reads do not all become writes. */
const TOUCH_MS = 60_000;

/** Who a session belongs to: a tenant admin, or a server operator working on this tenant. */
export interface SessionPrincipal {
  readonly tenant: TenantId;
  readonly kind: 'admin' | 'operator';
  readonly id: string;
  readonly username: string;
  readonly displayName: string | undefined;
}

export function adminPrincipal(admin: AdminRecord): SessionPrincipal {
  const { tenant, id, username, displayName } = admin;
  return { tenant, kind: 'admin', id, username, displayName };
}

export function operatorPrincipal(tenant: TenantId, operator: OperatorRecord): SessionPrincipal {
  return { tenant, kind: 'operator', id: operator.id, username: operator.username, displayName: undefined };
}

export async function startSession(deps: ServiceDeps, principal: SessionPrincipal): Promise<string> {
  const token = newSecret('');
  const at = deps.now().toISOString();
  const operator = principal.kind === 'operator';
  await deps.store.forTenant(principal.tenant).sessions.create({
    tokenHash: sha256(token),
    adminId: operator ? undefined : principal.id,
    operatorId: operator ? principal.id : undefined,
    createdAt: at,
    lastSeenAt: at,
  });
  return token;
}

async function principalOf(store: Store, session: AdminSession): Promise<SessionPrincipal | undefined> {
  if (session.operatorId !== undefined) {
    const operator = await store.operators.get(session.operatorId);
    return operator && operatorPrincipal(session.tenant, operator);
  }
  const admin =
    session.adminId === undefined
      ? undefined
      : await store.forTenant(session.tenant).admins.get(session.adminId);
  return isLiveAdmin(admin) ? adminPrincipal(admin) : undefined;
}

/**
 * Whose live session this is: not idle past IDLE_MS, not older than ABSOLUTE_MS, its admin still
 * active. An expired session is deleted.
 */
export async function resumeSession(
  deps: ServiceDeps,
  tenant: TenantId,
  token: string,
): Promise<SessionPrincipal | undefined> {
  const { store } = deps;
  const now = deps.now();
  const hash = sha256(token);
  const { sessions } = store.forTenant(tenant);
  const session = await sessions.find(hash);
  if (!session) return undefined;
  const at = now.getTime();
  if (at - Date.parse(session.lastSeenAt) > IDLE_MS || at - Date.parse(session.createdAt) > ABSOLUTE_MS) {
    await sessions.delete(hash);
    return undefined;
  }
  const principal = await principalOf(store, session);
  if (principal && at - Date.parse(session.lastSeenAt) > TOUCH_MS)
    await sessions.touch(hash, now.toISOString());
  return principal;
}

export function endSession(deps: ServiceDeps, tenant: TenantId, token: string): Promise<void> {
  return deps.store.forTenant(tenant).sessions.delete(sha256(token));
}
