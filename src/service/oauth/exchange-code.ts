import { isLiveAdmin } from '../../auth/live-admin.ts';
import { mint, type TokenResponse } from '../../auth/oauth-tokens.ts';
import { sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors/app-error.ts';
import { changeCredentials } from '../../store/credential-change.ts';
import type { OAuthClient } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';
import { byClient, newGrant, revokedOnReuse } from './grants.ts';
import { verifierProblem } from './pkce.ts';

/** grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export async function exchangeCode(
  deps: ServiceDeps,
  client: OAuthClient,
  params: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<TokenResponse> {
  const { store } = deps;
  const now = deps.now();
  const hash = sha256(params.code);
  const code = await store.oauth.getCode(client.tenant, hash);
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
  const admin = await store.admins.get(client.tenant, code.adminId);
  if (!isLiveAdmin(admin)) throw invalid('the consenting admin is disabled');
  const { response, rows } = mint(now, true);
  const grant = newGrant(deps, client, admin.id, now);
  // The grant is the admin's consent taking effect, so it is recorded as theirs, at its redemption.
  const consent = { by: { kind: 'admin', id: admin.id, name: admin.username } };
  const use = await changeCredentials(store, client.tenant, byClient(client, now), async (tx) => {
    const result = await tx.oauth.redeemCode(client.tenant, hash, grant, rows);
    const touched = result.ok
      ? [{ action: 'consent', type: 'OAuthGrant', id: grant.id, ...consent } as const]
      : revokedOnReuse(result);
    return { result, touched };
  });
  // Thrown after the commit, so that a replay's revocation stands.
  if (!use.ok) throw invalid('the authorization code was already used; the tokens it gave are revoked');
  return response;
}
