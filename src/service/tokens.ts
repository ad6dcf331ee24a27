import { newSecret, sha256 } from '../auth/secrets.ts';
import { parseDuration } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import type { CredentialScope, TenantId, TokenRecord } from '../store/port.ts';
import { type CredentialChange, changeCredentials } from './credential-change.ts';
import type { ServiceDeps } from './deps.ts';

const PREFIX = 'scim_';

/**
 * `90d`, `12h`, `30m`: the instant that long after `now`. A malformed duration is a problem with the
 * input `field` (as the caller's surface names it: `expiresIn`, `--expires-in`).
 */
export function expiryAfter(duration: string, now: Date, field: string): string {
  try {
    return new Date(now.getTime() + parseDuration(duration) * 1000).toISOString();
  } catch (error) {
    throw new AppError('invalidValue', `${field}: ${(error as Error).message}`);
  }
}

/** Mints a named API token; the raw token is returned once and only its SHA-256 is stored. */
export async function createToken(
  deps: ServiceDeps,
  tenant: TenantId,
  name: string,
  change: CredentialChange,
  options: { expiresAt?: string | undefined; scope?: CredentialScope } = {},
): Promise<{ token: string; record: TokenRecord }> {
  const token = newSecret(PREFIX);
  const record = {
    id: deps.newId(),
    tenant,
    name,
    prefix: token.slice(0, PREFIX.length + 6),
    createdAt: change.at,
    expiresAt: options.expiresAt,
    scope: options.scope ?? 'write',
  };
  await changeCredentials(deps.store, tenant, change, async (tx) => {
    await tx.tokens.create(record, sha256(token));
    return { result: undefined, touched: [{ action: 'create', type: 'Token', id: record.id }] };
  });
  return { token, record: { ...record, lastUsedAt: undefined, revokedAt: undefined, lastIp: undefined } };
}

/** Revokes the token with this id, or every live token with this name; false when there was none. */
export function revokeApiToken(
  deps: ServiceDeps,
  tenant: TenantId,
  nameOrId: string,
  change: CredentialChange,
): Promise<boolean> {
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    const ids = await tx.tokens.revoke(nameOrId, change.at);
    return { result: ids.length > 0, touched: ids.map((id) => ({ action: 'revoke', type: 'Token', id })) };
  });
}

/** The tenant's tokens, live or not; never the secrets, which are not stored. */
export function listTokens(deps: ServiceDeps, tenant: TenantId): Promise<TokenRecord[]> {
  return deps.store.forTenant(tenant).tokens.list();
}
