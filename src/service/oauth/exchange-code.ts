import { isLiveAdmin } from '../../auth/live-admin.ts';
import { mint, type TokenResponse } from '../../auth/oauth-tokens.ts';
import { sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors/app-error.ts';
import type { NewGrant, OAuthClient, OAuthToken, TenantTx } from '../../store/port.ts';
import { changeCredentials } from '../credential-change.ts';
import type { ServiceDeps } from '../deps.ts';
import { byClient, newGrant } from './grants.ts';
import { type OneTimeUse, REFUSED, replayed, revokedOnReuse, USED } from './one-time-use.ts';
import { verifierProblem } from './pkce.ts';

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

/** grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export async function exchangeCode(
  deps: ServiceDeps,
  client: OAuthClient,
  params: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<TokenResponse> {
  const now = deps.now();
  const hash = sha256(params.code);
  const tenant = deps.store.forTenant(client.tenant);
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
  const pkce = verifierProblem(params.codeVerifier, code.codeChallenge);
  if (pkce !== undefined) throw invalid(pkce);
  const admin = await tenant.admins.get(code.adminId);
  if (!isLiveAdmin(admin)) throw invalid('the consenting admin is disabled');
  const { response, rows } = mint(now, true);
  const grant = newGrant(deps, client, admin.id, now);
  // The grant is the admin's consent taking effect, so it is recorded as theirs, at its redemption.
  const consent = { by: { kind: 'admin', id: admin.id, name: admin.username } };
  const use = await changeCredentials(deps.store, client.tenant, byClient(client, now), async (tx) => {
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
