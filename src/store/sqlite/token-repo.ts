import type { TenantId, TokenRecord, TokenStore } from '../port.ts';
import type { Statements } from './statements.ts';

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

/** `write` runs a statement outside any open transaction (see WriteQueue). */
export function tokenRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): TokenStore {
  return {
    create(record, hash) {
      return write(() => {
        writer
          .get(
            'INSERT INTO credentials (id, tenant_id, name, prefix, secret_hash, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            record.id,
            record.tenant,
            record.name,
            record.prefix,
            hash,
            record.createdAt,
            record.expiresAt ?? null,
            record.scope ?? 'write',
          );
      });
    },
    async findByHash(hash) {
      const row = reader
        .get(`SELECT ${COLUMNS} FROM credentials WHERE secret_hash = ? AND revoked_at IS NULL`)
        .get(hash) as Row | undefined;
      return row && toRecord(row);
    },
    async list(tenant) {
      const rows = reader
        .get(`SELECT ${COLUMNS} FROM credentials WHERE tenant_id = ? ORDER BY created_at`)
        .all(tenant);
      return (rows as Row[]).map(toRecord);
    },
    revoke(tenant, nameOrId, now) {
      const sql = `UPDATE credentials SET revoked_at = ? WHERE tenant_id = ? AND (id = ? OR name = ?) AND revoked_at IS NULL`;
      return write(() => writer.get(sql).run(now, tenant, nameOrId, nameOrId).changes > 0);
    },
    touch(id, now, ip) {
      return write(() => {
        writer.get('UPDATE credentials SET last_used_at = ?, last_ip = ? WHERE id = ?').run(now, ip, id);
      });
    },
  };
}
