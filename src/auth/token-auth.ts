import { type Store, StoreUnavailableError, type TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { sha256 } from './secrets.ts';

/** Last use is recorded at most this often per token, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The actor of a named API token of `tenant`, or undefined for an unknown, revoked or expired token or
 * one of another tenant. Records the last use and client address, at most once a minute.
 */
export function apiTokenAuth(store: Store, now: () => Date) {
  const touched = new Map<string, number>();

  return async function verifyApiToken(
    tenant: TenantId,
    token: string,
    ip: string,
  ): Promise<Actor | undefined> {
    const record = await store.forTenant(tenant).tokens.findByHash(sha256(token));
    if (!record || record.tenant !== tenant) return undefined;
    const at = now();
    if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= at.getTime()) return undefined;
    if (at.getTime() - (touched.get(record.id) ?? 0) > TOUCH_INTERVAL_MS) {
      touched.set(record.id, at.getTime());
      // Bookkeeping: a database that takes no writes right now (locked by another program) must not
      // turn a read into a 503; the next minute records it.
      await store
        .forTenant(tenant)
        .tokens.touch(record.id, at.toISOString(), ip)
        .catch((error: unknown) => {
          if (!(error instanceof StoreUnavailableError)) throw error;
        });
    }
    return { tenant, kind: 'token', credentialId: record.id, name: record.name, scope: record.scope };
  };
}
