import { ScimError } from '../scim/errors.ts';
import type { Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { apiTokenAuth } from './token-auth.ts';

/** What a request presents: its Authorization header and the client address it came from. */
export interface Presented {
  readonly authorization: string | undefined;
  readonly ip: string;
}

/**
 * Resolves the Authorization header to an actor of `tenant`. Accepts `Bearer <token>` and, as Okta's
 * "Header" auth mode sends it, the bare token. A credential of another tenant, or of no tenant, gets
 * the same 401, so the answer never tells whether a tenant exists.
 */
export function authenticator(store: Store, now: () => Date) {
  const verifyApiToken = apiTokenAuth(store, now);

  return async function authenticate(tenant: TenantId, presented: Presented): Promise<Actor> {
    const token = presented.authorization?.replace(/^bearer\s+/i, '').trim();
    if (!token) throw ScimError.status(401, 'authentication required: send Authorization: Bearer <token>');
    const actor = await verifyApiToken(tenant, token, presented.ip);
    if (!actor) throw ScimError.status(401, 'invalid, expired or revoked credential');
    return actor;
  };
}

export type Authenticate = ReturnType<typeof authenticator>;
