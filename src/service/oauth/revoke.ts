import { sha256 } from '../../auth/secrets.ts';
import type { OAuthClient } from '../../store/port.ts';
import { changeCredentials, touching } from '../credential-change.ts';
import type { ServiceDeps } from '../deps.ts';
import { byClient } from './grants.ts';

/** RFC 7009: revokes the grant of a token this client holds; anything else is quietly ignored. */
export async function revokeToken(deps: ServiceDeps, client: OAuthClient, token: string): Promise<void> {
  const now = deps.now();
  const found = await deps.store.forTenant(client.tenant).oauth.findToken(sha256(token));
  if (!found || found.grant.clientId !== client.id) return;
  const { id } = found.grant;
  await changeCredentials(deps.store, client.tenant, byClient(client, now), async (tx) => {
    const revoked = await tx.oauth.revokeGrant(id, now.toISOString());
    return { result: undefined, touched: touching(revoked ? id : undefined, 'revoke', 'OAuthGrant') };
  });
}
