import type { TenantId, TokenRecord, TokenStore } from '../port.ts';

/** A credentials row as both dialects return it. */
export interface TokenRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
  last_ip: string | null;
  scope: TokenRecord['scope'];
}

export const TOKEN_COLUMNS =
  'id, tenant_id, name, prefix, created_at, last_used_at, revoked_at, expires_at, last_ip, scope';

export function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    tenant: row.tenant_id as TenantId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    expiresAt: row.expires_at ?? undefined,
    lastIp: row.last_ip ?? undefined,
    scope: row.scope,
  };
}

export const TOKEN_INSERT_COLUMNS = 'id, tenant_id, name, prefix, secret_hash, created_at, expires_at, scope';

/** The values of a new token's row, in TOKEN_INSERT_COLUMNS order. */
export function tokenInsertValues(record: Parameters<TokenStore['create']>[0], hash: string): unknown[] {
  const { id, tenant, name, prefix, createdAt } = record;
  return [id, tenant, name, prefix, hash, createdAt, record.expiresAt ?? null, record.scope ?? 'write'];
}
