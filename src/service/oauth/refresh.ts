import { isLiveAdmin } from '../../auth/live-admin.ts';
import { mint, type TokenResponse } from '../../auth/oauth-tokens.ts';
import { sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors/app-error.ts';
import { changeCredentials } from '../../store/credential-change.ts';
import type { OAuthClient } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';
import { byClient, revokedOnReuse } from './grants.ts';

/** grant_type=refresh_token, rotating: a spent refresh token presented again revokes its family. */
export async function refresh(
  deps: ServiceDeps,
  client: OAuthClient,
  refreshToken: string,
): Promise<TokenResponse> {
  const { store } = deps;
  const now = deps.now();
  const hash = sha256(refreshToken);
  const found = await store.oauth.findToken(client.tenant, hash);
  const invalid = new AppError('invalidGrant', 'the refresh token is invalid, expired or revoked');
  if (found?.kind !== 'refresh' || found.grant.clientId !== client.id) throw invalid;
  if (found.grant.revokedAt !== undefined || Date.parse(found.expiresAt) <= now.getTime()) throw invalid;
  if (found.grant.adminId !== undefined) {
    const admin = await store.admins.get(client.tenant, found.grant.adminId);
    if (!isLiveAdmin(admin)) throw invalid;
  }
  const { response, rows } = mint(now, true);
  const use = await changeCredentials(store, client.tenant, byClient(client, now), async (tx) => {
    const result = await tx.oauth.rotateRefresh(client.tenant, hash, now.toISOString(), rows);
    return { result, touched: revokedOnReuse(result) };
  });
  if (!use.ok) throw invalid;
  return response;
}
