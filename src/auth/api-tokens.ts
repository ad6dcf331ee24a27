import { randomUUID } from 'node:crypto';
import type { CredentialScope, Store, TenantId, TokenRecord } from '../store/port.ts';

const PREFIX = 'scim_';

import { newSecret, sha256 } from './secrets.ts';

/** SHA-256 is enough at rest: the token is 256 random bits, so there is nothing to brute-force. */
export const hashToken = sha256;

/** Mints a named API token; the raw token is returned once and only its hash is stored. */
export async function createToken(
  store: Store,
  tenant: TenantId,
  name: string,
  now: string,
  options: { expiresAt?: string | undefined; scope?: CredentialScope } = {},
): Promise<{ token: string; record: TokenRecord }> {
  const token = newSecret(PREFIX);
  const record = {
    id: randomUUID(),
    tenant,
    name,
    prefix: token.slice(0, PREFIX.length + 6),
    createdAt: now,
    expiresAt: options.expiresAt,
    scope: options.scope ?? 'write',
  };
  await store.tokens.create(record, hashToken(token));
  return { token, record: { ...record, lastUsedAt: undefined, revokedAt: undefined, lastIp: undefined } };
}
