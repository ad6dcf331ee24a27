import { matchesHash, newSecret, sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient, TenantId } from '../../store/port.ts';
import { type CredentialChange, changeCredentials, touching } from '../credential-change.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * A redirect URI must be absolute, without a fragment (RFC 6749 §3.1.2), and https unless it points
 * at this machine. It is then compared exactly, e.g.
 * `https://system-admin.okta.com/admin/app/cpc/{appId}/oauth/callback`.
 */
function checkRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new AppError('invalidValue', `redirect URI '${uri}' is not an absolute URL`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new AppError('invalidValue', `redirect URI '${uri}' must use https`);
  if (uri.includes('#')) throw new AppError('invalidValue', `redirect URI '${uri}' must not have a fragment`);
}

/** Registers an app; the client secret is returned once and stored only as SHA-256. */
export async function registerClient(
  deps: ServiceDeps,
  tenant: TenantId,
  input: { name: string; redirectUris: readonly string[]; allowClientCredentials?: boolean },
  change: CredentialChange,
): Promise<{ client: OAuthClient; secret: string }> {
  if (!input.name.trim()) throw new AppError('invalidValue', 'an app registration needs a name');
  for (const uri of input.redirectUris) checkRedirectUri(uri);
  const client = {
    tenant,
    id: deps.newId(),
    name: input.name,
    redirectUris: [...input.redirectUris],
    allowClientCredentials: input.allowClientCredentials ?? false,
    createdAt: change.at,
  };
  const secret = newSecret('scimcs_');
  await changeCredentials(deps.store, tenant, change, async (tx) => {
    await tx.oauth.createClient(client, sha256(secret));
    return { result: undefined, touched: [{ action: 'create', type: 'OAuthClient', id: client.id }] };
  });
  return { client, secret };
}

/** Deletes a registration with its codes, grants and tokens; false when there was none. */
export function deleteClient(
  deps: ServiceDeps,
  tenant: TenantId,
  clientId: string,
  change: CredentialChange,
): Promise<boolean> {
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    const deleted = await tx.oauth.deleteClient(clientId);
    return { result: deleted, touched: touching(deleted ? clientId : undefined, 'delete', 'OAuthClient') };
  });
}

/** The client, when the id and secret are right; a constant-time comparison of digests. */
export async function authenticateClient(
  deps: ServiceDeps,
  tenant: TenantId,
  clientId: string,
  secret: string,
): Promise<OAuthClient | undefined> {
  const client = await deps.store.forTenant(tenant).oauth.getClient(clientId);
  // Unknown clients compare too, against a hash nothing matches, so timing tells nothing.
  const ok = matchesHash(secret, client?.secretHash ?? sha256(`${Math.random()}`));
  if (!client || !ok) return undefined;
  const { secretHash: _, ...rest } = client;
  return rest;
}

/** The tenant's app registrations, without their secret hashes. */
export function listClients(deps: ServiceDeps, tenant: TenantId): Promise<OAuthClient[]> {
  return deps.store.forTenant(tenant).oauth.listClients();
}

/** The registration `clientId` names, without its secret hash. */
export async function findClient(
  deps: ServiceDeps,
  tenant: TenantId,
  clientId: string,
): Promise<OAuthClient | undefined> {
  const client = await deps.store.forTenant(tenant).oauth.getClient(clientId);
  if (!client) return undefined;
  const { secretHash: _, ...rest } = client;
  return rest;
}
