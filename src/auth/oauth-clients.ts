import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import { type CredentialChange, changeCredentials, touching } from '../service/credential-change.ts';
import type { OAuthClient, Store, TenantId } from '../store/port.ts';
import { matchesHash, newSecret, sha256 } from './secrets.ts';

/**
 * A redirect URI must be absolute, without a fragment (RFC 6749 §3.1.2), and https unless it points
 * at this machine. It is then compared exactly, e.g.
 * `https://system-admin.okta.com/admin/app/cpc/{appId}/oauth/callback`.
 */
export function checkRedirectUri(uri: string): void {
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
  store: Store,
  tenant: TenantId,
  input: { name: string; redirectUris: readonly string[]; allowClientCredentials?: boolean },
  change: CredentialChange,
): Promise<{ client: OAuthClient; secret: string }> {
  if (!input.name.trim()) throw new AppError('invalidValue', 'an app registration needs a name');
  for (const uri of input.redirectUris) checkRedirectUri(uri);
  const client = {
    tenant,
    id: randomUUID(),
    name: input.name,
    redirectUris: [...input.redirectUris],
    allowClientCredentials: input.allowClientCredentials ?? false,
    createdAt: change.at,
  };
  const secret = newSecret('scimcs_');
  await changeCredentials(store, tenant, change, async (tx) => {
    await tx.oauth.createClient(client, sha256(secret));
    return { result: undefined, touched: [{ action: 'create', type: 'OAuthClient', id: client.id }] };
  });
  return { client, secret };
}

/** Deletes a registration with its codes, grants and tokens; false when there was none. */
export function deleteClient(
  store: Store,
  tenant: TenantId,
  clientId: string,
  change: CredentialChange,
): Promise<boolean> {
  return changeCredentials(store, tenant, change, async (tx) => {
    const deleted = await tx.oauth.deleteClient(clientId);
    return { result: deleted, touched: touching(deleted ? clientId : undefined, 'delete', 'OAuthClient') };
  });
}

/** The client, when the id and secret are right; a constant-time comparison of digests. */
export async function authenticateClient(
  store: Store,
  tenant: TenantId,
  clientId: string,
  secret: string,
): Promise<OAuthClient | undefined> {
  const client = await store.forTenant(tenant).oauth.getClient(clientId);
  // Unknown clients compare too, against a hash nothing matches, so timing tells nothing.
  const ok = matchesHash(secret, client?.secretHash ?? sha256(`${Math.random()}`));
  if (!client || !ok) return undefined;
  const { secretHash: _, ...rest } = client;
  return rest;
}
