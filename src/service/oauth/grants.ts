import { type CredentialChange, touching } from '../../store/credential-change.ts';
import type { OAuthClient, OAuthGrant, OneTimeUse } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';

/** A grant of `client`: a refresh-token family with the consenting admin, or the client's own token. */
export function newGrant(
  deps: ServiceDeps,
  client: OAuthClient,
  adminId: string | undefined,
  now: Date,
): OAuthGrant {
  return {
    tenant: client.tenant,
    id: deps.newId(),
    clientId: client.id,
    adminId,
    createdAt: now.toISOString(),
    revokedAt: undefined,
  };
}

/** A change a client makes at the token or revocation endpoint, as the audit trail records it. */
export function byClient(client: OAuthClient, now: Date): CredentialChange {
  return { by: { kind: 'oauth', id: client.id, name: client.name }, at: now.toISOString() };
}

/** The grant a replayed code or refresh token revoked just now, recorded as the server's answer to it. */
export const revokedOnReuse = (use: OneTimeUse) =>
  touching(use.ok ? undefined : use.revoked, 'revoke-on-reuse', 'OAuthGrant');
