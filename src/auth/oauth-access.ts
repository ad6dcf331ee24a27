import type { Store, TenantId } from '../store/port.ts';
import type { Actor } from './actor.ts';
import { isLiveAdmin } from './live-admin.ts';
import { sha256 } from './secrets.ts';

/**
 * The actor of an OAuth access token of `tenant`: its client, acting for the admin who consented (or
 * for itself, with client credentials). Undefined when the token is unknown, expired or revoked, its
 * client deleted, or the consenting admin disabled.
 */
export function oauthAccessAuth(store: Store, now: () => Date) {
  return async function verifyAccessToken(tenant: TenantId, token: string): Promise<Actor | undefined> {
    const found = await store.forTenant(tenant).oauth.findToken(sha256(token));
    if (found?.kind !== 'access' || found.grant.revokedAt !== undefined) return undefined;
    if (Date.parse(found.expiresAt) <= now().getTime()) return undefined;
    const client = await store.forTenant(tenant).oauth.getClient(found.grant.clientId);
    if (!client) return undefined;
    let name = client.name;
    if (found.grant.adminId !== undefined) {
      const admin = await store.forTenant(tenant).admins.get(found.grant.adminId);
      if (!isLiveAdmin(admin)) return undefined;
      name = `${client.name} for ${admin.username}`;
    }
    return { tenant, kind: 'oauth', credentialId: client.id, name, scope: 'write' };
  };
}
