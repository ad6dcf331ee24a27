import { AppError } from '../errors/app-error.ts';
import type { Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { adminJwtAuth, looksLikeJwt } from './admin-jwt.ts';
import { accountAuth, parseBasic } from './basic-auth.ts';
import { oauthAccessAuth } from './oauth-access.ts';
import { isOAuthAccessToken } from './oauth-tokens.ts';
import { apiTokenAuth } from './token-auth.ts';

/** What a request presents: its Authorization header and the client address it came from. */
export interface Presented {
  readonly authorization: string | undefined;
  readonly ip: string;
  /**
   * Accept a Basic password only if it verified recently (the cache), never running argon2: the
   * caller's address is over its failure budget, and a full check would let it test guesses.
   */
  readonly cachedPasswordsOnly?: boolean;
}

const REFUSED = 'invalid, expired or revoked credential';

/**
 * Resolves the Authorization header to an actor of `tenant`: HTTP Basic with a tenant account, or a
 * bearer token — `Bearer <token>` or, as Okta's "Header" auth mode sends it, the bare token. A
 * credential of another tenant, or of no tenant, gets the same 401, so the answer never tells whether
 * a tenant exists.
 */
export function authenticator(store: Store, now: () => Date) {
  const verifyApiToken = apiTokenAuth(store, now);
  const verifyAccount = accountAuth(store, now);
  const verifyAdminJwt = adminJwtAuth(store, now);
  const verifyAccessToken = oauthAccessAuth(store, now);

  /** The bearer value's shape says what it is: a JWS, an OAuth access token, or an API token. */
  function verifyBearer(tenant: TenantId, token: string, ip: string): Promise<Actor | undefined> {
    if (looksLikeJwt(token)) return verifyAdminJwt(tenant, token);
    if (isOAuthAccessToken(token)) return verifyAccessToken(tenant, token);
    return verifyApiToken(tenant, token, ip);
  }

  /** `tenant` is undefined when the URL names one no tenant can have: refused like an unknown tenant. */
  return async function authenticate(tenant: TenantId | undefined, presented: Presented): Promise<Actor> {
    const header = presented.authorization?.trim();
    if (!header)
      throw new AppError('unauthenticated', 'authentication required: send Authorization: Bearer <token>');
    if (/^basic\s/i.test(header)) {
      const basic = parseBasic(header);
      if (!basic) throw new AppError('unauthenticated', 'malformed Basic credentials');
      const actor =
        tenant &&
        (await verifyAccount(tenant, basic.username, basic.password, presented.cachedPasswordsOnly));
      if (!actor) throw new AppError('unauthenticated', REFUSED);
      return actor;
    }
    const actor = tenant && (await verifyBearer(tenant, header.replace(/^bearer\s+/i, ''), presented.ip));
    if (!actor) throw new AppError('unauthenticated', REFUSED);
    return actor;
  };
}

export type Authenticate = ReturnType<typeof authenticator>;
