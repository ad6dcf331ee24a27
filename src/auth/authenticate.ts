import { ScimError } from '../scim/errors.ts';
import type { Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { hashToken } from './api-tokens.ts';

/** Last-use is recorded at most this often per token, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves the Authorization header to an actor of `tenant`. Accepts `Bearer <token>` and, as Okta's
 * "Header" auth mode sends it, the bare token. A credential of another tenant, or of no tenant, gets
 * the same 401, so the answer never tells whether a tenant exists.
 */
export function tokenAuthenticator(store: Store, now: () => Date) {
  const touched = new Map<string, number>();

  return async function authenticate(tenant: TenantId, header: string | undefined): Promise<Actor> {
    const token = header?.replace(/^bearer\s+/i, '').trim();
    if (!token) throw ScimError.status(401, 'authentication required: send Authorization: Bearer <token>');
    const record = await store.tokens.findByHash(tenant, hashToken(token));
    if (!record || record.tenant !== tenant) throw ScimError.status(401, 'invalid or revoked credential');
    const at = now();
    if (at.getTime() - (touched.get(record.id) ?? 0) > TOUCH_INTERVAL_MS) {
      touched.set(record.id, at.getTime());
      await store.tokens.touch(tenant, record.id, at.toISOString());
    }
    return { tenant, kind: 'token', credentialId: record.id, name: record.name };
  };
}

export type Authenticate = ReturnType<typeof tokenAuthenticator>;
