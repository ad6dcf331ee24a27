import { isLiveAdmin } from '../../auth/live-admin.ts';
import { mint, type TokenResponse } from '../../auth/oauth-tokens.ts';
import { sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient, OAuthToken, TenantTx } from '../../store/port.ts';
import { changeCredentials } from '../credential-change.ts';
import type { ServiceDeps } from '../deps.ts';
import { byClient } from './grants.ts';
import { REFUSED, replayed, revokedOnReuse, USED } from './one-time-use.ts';

/** Exchanges a live refresh token once, under its row lock: spends it and adds `tokens` to its grant. */
async function rotate(tx: TenantTx, hash: string, now: string, tokens: readonly OAuthToken[]) {
  const locked = await tx.oauth.findToken(hash);
  if (locked?.kind !== 'refresh') return REFUSED;
  if (locked.spentAt !== undefined) return replayed(tx, locked.grant.id, now);
  await tx.oauth.spendRefresh(hash, now, locked.grant.id, tokens);
  return USED;
}

/** grant_type=refresh_token, rotating: a spent refresh token presented again revokes its family. */
export async function refresh(
  deps: ServiceDeps,
  client: OAuthClient,
  refreshToken: string,
): Promise<TokenResponse> {
  const now = deps.now();
  const hash = sha256(refreshToken);
  const tenant = deps.store.forTenant(client.tenant);
  const found = await tenant.oauth.findToken(hash);
  const invalid = new AppError('invalidGrant', 'the refresh token is invalid, expired or revoked');
  if (found?.kind !== 'refresh' || found.grant.clientId !== client.id) throw invalid;
  if (found.grant.revokedAt !== undefined || Date.parse(found.expiresAt) <= now.getTime()) throw invalid;
  if (found.grant.adminId !== undefined) {
    const admin = await tenant.admins.get(found.grant.adminId);
    if (!isLiveAdmin(admin)) throw invalid;
  }
  const { response, rows } = mint(now, true);
  const use = await changeCredentials(deps.store, client.tenant, byClient(client, now), async (tx) => {
    const result = await rotate(tx, hash, now.toISOString(), rows);
    return { result, touched: revokedOnReuse(result) };
  });
  if (!use.ok) throw invalid;
  return response;
}
