import { AppError } from '../errors/app-error.ts';
import type { Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { verifyPassword } from './passwords.ts';
import { VerifiedCache } from './verified-cache.ts';

/** RFC 7617: `Basic base64(user-id ":" password)`, UTF-8; undefined when it is not that shape. */
export function parseBasic(header: string): { username: string; password: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // NUL is in no username or password, and PostgreSQL cannot look it up: malformed, so 401.
  if (colon <= 0 || decoded.includes('\0')) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Checks a tenant account's username and password (Declaree's "username and password" mode). Every
 * request looks the account up (an index read), so disabling it takes effect at once even from
 * another process; only the argon2 verification is cached. `cachedOnly` accepts only a cached pair.
 */
export function accountAuth(store: Store, now: () => Date, cache = new VerifiedCache()) {
  return async function verifyAccount(
    tenant: TenantId,
    username: string,
    password: string,
    cachedOnly = false,
  ): Promise<Actor | undefined> {
    const account = await store.forTenant(tenant).admins.findByUsername(username);
    const key = account && VerifiedCache.key(tenant, account.id, account.passwordHash, password);
    const at = now().getTime();
    if (!(key && cache.has(key, at))) {
      if (cachedOnly) return undefined;
      const ok = await verifyPassword(account?.passwordHash, password);
      if (ok === 'busy')
        throw new AppError('unavailable', 'too many sign-ins are being checked', { retryAfter: 1 });
      if (!ok || !key) return undefined;
      cache.add(key, at);
    }
    if (!account || account.disabledAt !== undefined) return undefined;
    return { tenant, kind: account.kind, credentialId: account.id, name: account.username, scope: 'write' };
  };
}
