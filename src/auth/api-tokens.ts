import { randomUUID } from 'node:crypto';
import { type CredentialChange, changeCredentials } from '../service/credential-change.ts';
import type { CredentialScope, Store, TenantId, TokenRecord } from '../store/port.ts';
import { newSecret, sha256 } from './secrets.ts';

const PREFIX = 'scim_';

/** SHA-256 is enough at rest: the token is 256 random bits, so there is nothing to brute-force. */
export const hashToken = sha256;

/** Mints a named API token; the raw token is returned once and only its hash is stored. */
export async function createToken(
  store: Store,
  tenant: TenantId,
  name: string,
  change: CredentialChange,
  options: { expiresAt?: string | undefined; scope?: CredentialScope } = {},
): Promise<{ token: string; record: TokenRecord }> {
  const token = newSecret(PREFIX);
  const record = {
    id: randomUUID(),
    tenant,
    name,
    prefix: token.slice(0, PREFIX.length + 6),
    createdAt: change.at,
    expiresAt: options.expiresAt,
    scope: options.scope ?? 'write',
  };
  await changeCredentials(store, tenant, change, async (tx) => {
    await tx.tokens.create(record, hashToken(token));
    return { result: undefined, touched: [{ action: 'create', type: 'Token', id: record.id }] };
  });
  return { token, record: { ...record, lastUsedAt: undefined, revokedAt: undefined, lastIp: undefined } };
}

/** Revokes the token with this id, or every live token with this name; false when there was none. */
export function revokeApiToken(
  store: Store,
  tenant: TenantId,
  nameOrId: string,
  change: CredentialChange,
): Promise<boolean> {
  return changeCredentials(store, tenant, change, async (tx) => {
    const ids = await tx.tokens.revoke(nameOrId, change.at);
    return { result: ids.length > 0, touched: ids.map((id) => ({ action: 'revoke', type: 'Token', id })) };
  });
}
