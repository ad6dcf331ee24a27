import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import { type CredentialChange, changeCredentials, touching } from '../service/credential-change.ts';
import type { AdminRecord, NewGrant, OAuthClient, OAuthToken, Store, TenantTx } from '../store/port.ts';
import { isLiveAdmin } from './accounts.ts';
import { newSecret, sha256 } from './secrets.ts';

export const ACCESS_PREFIX = 'scimat_';
const REFRESH_PREFIX = 'scimrt_';
const CODE_TTL_MS = 5 * 60_000;
const ACCESS_TTL_S = 3_600;
/** A refresh token lives this long from its own issue; each refresh starts the clock again. */
const REFRESH_TTL_MS = 180 * 86_400_000;
/** The one scope: the tenant's SCIM API. */
export const SCOPE = 'scim';

/**
 * Scopes a client may ask for: `scim`, and `offline_access`, which Okta's support articles tell
 * admins to add to get refresh tokens (they are issued either way).
 */
const KNOWN_SCOPES = new Set([SCOPE, 'offline_access', '']);

/** Whether a requested scope names one that does not exist (an empty one asks for `scim`). */
export function beyondScope(scope: string | undefined): boolean {
  return (scope ?? '').split(' ').some((s) => !KNOWN_SCOPES.has(s));
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

const after = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

function mint(now: Date, withRefresh: boolean): { response: TokenResponse; rows: OAuthToken[] } {
  const access = newSecret(ACCESS_PREFIX);
  const rows: OAuthToken[] = [
    {
      tokenHash: sha256(access),
      kind: 'access',
      expiresAt: after(now, ACCESS_TTL_S * 1000),
      spentAt: undefined,
    },
  ];
  const response: TokenResponse = {
    access_token: access,
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_S,
    scope: SCOPE,
  };
  if (withRefresh) {
    const refresh = newSecret(REFRESH_PREFIX);
    rows.push({
      tokenHash: sha256(refresh),
      kind: 'refresh',
      expiresAt: after(now, REFRESH_TTL_MS),
      spentAt: undefined,
    });
    response.refresh_token = refresh;
  }
  return { response, rows };
}

function newGrant(client: OAuthClient, adminId: string | undefined, now: Date): NewGrant {
  return { id: randomUUID(), clientId: client.id, adminId, createdAt: now.toISOString() };
}

/** A change a client makes at the token or revocation endpoint, as the audit trail records it. */
function byClient(client: OAuthClient, now: Date): CredentialChange {
  return { by: { kind: 'oauth', id: client.id, name: client.name }, at: now.toISOString() };
}

/**
 * A one-time code or refresh token: used now, or refused; a replay of a used one revokes its grant,
 * named in `revoked` when this use revoked it (undefined when it was revoked already).
 */
type OneTimeUse = { readonly ok: true } | { readonly ok: false; readonly revoked: string | undefined };

const USED: OneTimeUse = { ok: true };
/** Unknown (or gone since it was read): refused, with nothing to revoke. */
const REFUSED: OneTimeUse = { ok: false, revoked: undefined };

/** RFC 6749 §4.1.2, RFC 9700 §4.14.2: a used code or spent refresh token presented again revokes its grant. */
async function replayed(tx: TenantTx, grantId: string, now: string): Promise<OneTimeUse> {
  return { ok: false, revoked: (await tx.oauth.revokeGrant(grantId, now)) ? grantId : undefined };
}

/**
 * Redeems a code once, read again under its row lock so that of two racing exchanges the second sees
 * the first one's grant: records the grant and its tokens and ties them to the code.
 */
async function redeem(
  tx: TenantTx,
  codeHash: string,
  grant: NewGrant,
  tokens: readonly OAuthToken[],
): Promise<OneTimeUse> {
  const locked = await tx.oauth.getCode(codeHash);
  if (!locked) return REFUSED;
  if (locked.grantId !== undefined) return replayed(tx, locked.grantId, grant.createdAt);
  await tx.oauth.createGrant(grant, tokens);
  await tx.oauth.redeemCode(codeHash, grant.id);
  return USED;
}

/** Exchanges a live refresh token once, under its row lock: spends it and adds `tokens` to its grant. */
async function rotate(tx: TenantTx, hash: string, now: string, tokens: readonly OAuthToken[]) {
  const locked = await tx.oauth.findToken(hash);
  if (locked?.kind !== 'refresh') return REFUSED;
  if (locked.spentAt !== undefined) return replayed(tx, locked.grant.id, now);
  await tx.oauth.spendRefresh(hash, now, locked.grant.id, tokens);
  return USED;
}

/** The grant a replayed code or refresh token revoked just now, recorded as the server's answer to it. */
const revokedOnReuse = (use: OneTimeUse) =>
  touching(use.ok ? undefined : use.revoked, 'revoke-on-reuse', 'OAuthGrant');

/** After the admin signed in and consented: a one-time code bound to client, redirect URI and PKCE. */
export async function issueCode(
  store: Store,
  request: {
    client: OAuthClient;
    admin: AdminRecord;
    redirectUri: string | undefined;
    codeChallenge: string | undefined;
  },
  now: Date,
): Promise<string> {
  const code = newSecret('');
  await store.forTenant(request.client.tenant).oauth.saveCode({
    codeHash: sha256(code),
    clientId: request.client.id,
    adminId: request.admin.id,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    expiresAt: after(now, CODE_TTL_MS),
  });
  return code;
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) equals the challenge. */
function pkceMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export async function exchangeCode(
  store: Store,
  client: OAuthClient,
  params: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
  now: Date,
): Promise<TokenResponse> {
  const hash = sha256(params.code);
  const tenant = store.forTenant(client.tenant);
  const code = await tenant.oauth.getCode(hash);
  const invalid = (why: string) => new AppError('invalidGrant', why);
  if (!code || code.clientId !== client.id) throw invalid('the authorization code is unknown');
  if (Date.parse(code.expiresAt) <= now.getTime()) throw invalid('the authorization code has expired');
  // §4.1.3: required, and identical, only when the authorization request named one; otherwise the code
  // went to the client's one registered URI, and a token request may still name that one.
  const redirectOk =
    code.redirectUri !== undefined
      ? params.redirectUri === code.redirectUri
      : params.redirectUri === undefined || client.redirectUris.includes(params.redirectUri);
  if (!redirectOk) throw invalid('redirect_uri differs from the authorization request');
  if (code.codeChallenge !== undefined) {
    if (params.codeVerifier === undefined || !VERIFIER.test(params.codeVerifier))
      throw invalid('code_verifier is missing or malformed');
    if (!pkceMatches(params.codeVerifier, code.codeChallenge)) throw invalid('code_verifier does not match');
  } else if (params.codeVerifier !== undefined) {
    // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused (PKCE downgrade).
    throw invalid('code_verifier was sent, but the authorization request had no code_challenge');
  }
  const admin = await tenant.admins.get(code.adminId);
  if (!isLiveAdmin(admin)) throw invalid('the consenting admin is disabled');
  const { response, rows } = mint(now, true);
  const grant = newGrant(client, admin.id, now);
  // The grant is the admin's consent taking effect, so it is recorded as theirs, at its redemption.
  const consent = { by: { kind: 'admin', id: admin.id, name: admin.username } };
  const use = await changeCredentials(store, client.tenant, byClient(client, now), async (tx) => {
    const result = await redeem(tx, hash, grant, rows);
    const touched = result.ok
      ? [{ action: 'consent', type: 'OAuthGrant', id: grant.id, ...consent } as const]
      : revokedOnReuse(result);
    return { result, touched };
  });
  // Thrown after the commit, so that a replay's revocation stands.
  if (!use.ok) throw invalid('the authorization code was already used; the tokens it gave are revoked');
  return response;
}

/** grant_type=refresh_token, rotating: a spent refresh token presented again revokes its family. */
export async function refresh(
  store: Store,
  client: OAuthClient,
  refreshToken: string,
  now: Date,
): Promise<TokenResponse> {
  const hash = sha256(refreshToken);
  const tenant = store.forTenant(client.tenant);
  const found = await tenant.oauth.findToken(hash);
  const invalid = new AppError('invalidGrant', 'the refresh token is invalid, expired or revoked');
  if (found?.kind !== 'refresh' || found.grant.clientId !== client.id) throw invalid;
  if (found.grant.revokedAt !== undefined || Date.parse(found.expiresAt) <= now.getTime()) throw invalid;
  if (found.grant.adminId !== undefined) {
    const admin = await tenant.admins.get(found.grant.adminId);
    if (!isLiveAdmin(admin)) throw invalid;
  }
  const { response, rows } = mint(now, true);
  const use = await changeCredentials(store, client.tenant, byClient(client, now), async (tx) => {
    const result = await rotate(tx, hash, now.toISOString(), rows);
    return { result, touched: revokedOnReuse(result) };
  });
  if (!use.ok) throw invalid;
  return response;
}

/**
 * grant_type=client_credentials: an access token for the client itself, without a refresh token.
 * Only for clients registered for it: the secret alone would otherwise bypass the admin's consent.
 */
export async function clientCredentials(
  store: Store,
  client: OAuthClient,
  scope: string | undefined,
  now: Date,
): Promise<TokenResponse> {
  if (!client.allowClientCredentials)
    throw new AppError('unauthorizedClient', 'this client is not registered for client credentials');
  if (beyondScope(scope))
    throw new AppError('invalidScope', `the scopes are '${SCOPE}' and 'offline_access'`);
  const { response, rows } = mint(now, false);
  await store.forTenant(client.tenant).oauth.createGrant(newGrant(client, undefined, now), rows);
  return response;
}

/** RFC 7009: revokes the grant of a token this client holds; anything else is quietly ignored. */
export async function revokeToken(
  store: Store,
  client: OAuthClient,
  token: string,
  now: Date,
): Promise<void> {
  const found = await store.forTenant(client.tenant).oauth.findToken(sha256(token));
  if (!found || found.grant.clientId !== client.id) return;
  const { id } = found.grant;
  await changeCredentials(store, client.tenant, byClient(client, now), async (tx) => {
    const revoked = await tx.oauth.revokeGrant(id, now.toISOString());
    return { result: undefined, touched: touching(revoked ? id : undefined, 'revoke', 'OAuthGrant') };
  });
}
