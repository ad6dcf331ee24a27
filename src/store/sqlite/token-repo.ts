import type { TokenStore } from '../port.ts';
import {
  TOKEN_COLUMNS as COLUMNS,
  type TokenRow as Row,
  TOKEN_INSERT_COLUMNS,
  tokenInsertValues,
  toTokenRecord as toRecord,
} from '../sql/token-rows.ts';
import type { Statements } from './statements.ts';

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
          .get(`INSERT INTO credentials (${TOKEN_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(...tokenInsertValues(record, hash));
      });
    },
    async findByHash(tenant, hash) {
      const row = reader
        .get(
          `SELECT ${COLUMNS} FROM credentials WHERE secret_hash = ? AND tenant_id = ? AND revoked_at IS NULL`,
        )
        .get(hash, tenant) as Row | undefined;
      return row && toRecord(row);
    },
    async list(tenant) {
      const rows = reader
        .get(`SELECT ${COLUMNS} FROM credentials WHERE tenant_id = ? ORDER BY created_at`)
        .all(tenant);
      return (rows as Row[]).map(toRecord);
    },
    revoke(tenant, nameOrId, now) {
      const sql = `UPDATE credentials SET revoked_at = ? WHERE tenant_id = ? AND (id = ? OR name = ?) AND revoked_at IS NULL
        RETURNING id`;
      return write(() => writer.get(sql).pluck().all(now, tenant, nameOrId, nameOrId) as string[]);
    },
    touch(tenant, id, now, ip) {
      return write(() => {
        writer
          .get('UPDATE credentials SET last_used_at = ?, last_ip = ? WHERE tenant_id = ? AND id = ?')
          .run(now, ip, tenant, id);
      });
    },
  };
}
