import type { TenantId, TokenRecord, TokenStore } from '../port.ts';
import type { Db } from './driver.ts';

interface Row {
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

const COLUMNS =
  'id, tenant_id, name, prefix, created_at, last_used_at, revoked_at, expires_at, last_ip, scope';

function toRecord(row: Row): TokenRecord {
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

/** A tenant's API tokens, kept as SHA-256 hashes. */
export function tokenRepo(db: Db, tenant: string): TokenStore {
  return {
    async create(record, hash) {
      const { id, name, prefix, createdAt } = record;
      await db.run(
        `INSERT INTO credentials (id, tenant_id, name, prefix, secret_hash, created_at, expires_at, scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, tenant, name, prefix, hash, createdAt, record.expiresAt ?? null, record.scope ?? 'write'],
      );
    },
    async findByHash(hash) {
      const row = await db.get<Row>(
        `SELECT ${COLUMNS} FROM credentials WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`,
        [tenant, hash],
      );
      return row && toRecord(row);
    },
    async list() {
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM credentials WHERE tenant_id = $1 ORDER BY created_at`,
        [tenant],
      );
      return rows.map(toRecord);
    },
    async revoke(nameOrId, now) {
      const rows = await db.all<{ id: string }>(
        `UPDATE credentials SET revoked_at = $1
         WHERE tenant_id = $2 AND (id = $3 OR name = $3) AND revoked_at IS NULL RETURNING id`,
        [now, tenant, nameOrId],
      );
      return rows.map((r) => r.id);
    },
    async touch(id, now, ip) {
      await db.run(
        'UPDATE credentials SET last_used_at = $1, last_ip = $2 WHERE tenant_id = $3 AND id = $4',
        [now, ip, tenant, id],
      );
    },
  };
}
