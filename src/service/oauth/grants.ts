import type { NewGrant, OAuthClient } from '../../store/port.ts';
import type { CredentialChange } from '../credential-change.ts';
import type { ServiceDeps } from '../deps.ts';

/** A grant of `client`: a refresh-token family with the consenting admin, or the client's own token. */
export function newGrant(
  deps: ServiceDeps,
  client: OAuthClient,
  adminId: string | undefined,
  now: Date,
): NewGrant {
  return { id: deps.newId(), clientId: client.id, adminId, createdAt: now.toISOString() };
}

/** A change a client makes at the token or revocation endpoint, as the audit trail records it. */
export function byClient(client: OAuthClient, now: Date): CredentialChange {
  return { by: { kind: 'oauth', id: client.id, name: client.name }, at: now.toISOString() };
}
