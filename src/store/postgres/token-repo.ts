import type { TokenStore } from '../port.ts';
import {
  TOKEN_COLUMNS,
  TOKEN_INSERT_COLUMNS,
  type TokenRow,
  tokenInsertValues,
  toTokenRecord,
} from '../sql/token-rows.ts';
import { prepared, type Queryable } from './queryable.ts';

export function tokenRepo(db: Queryable): TokenStore {
  return {
    async create(record, hash) {
      await db.query(
        prepared(
          `INSERT INTO credentials (${TOKEN_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          tokenInsertValues(record, hash),
        ),
      );
    },
    async findByHash(tenant, hash) {
      const { rows } = await db.query<TokenRow>(
        prepared(
          `SELECT ${TOKEN_COLUMNS} FROM credentials WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`,
          [tenant, hash],
        ),
      );
      return rows[0] && toTokenRecord(rows[0]);
    },
    async list(tenant) {
      const { rows } = await db.query<TokenRow>(
        prepared(`SELECT ${TOKEN_COLUMNS} FROM credentials WHERE tenant_id = $1 ORDER BY created_at`, [
          tenant,
        ]),
      );
      return rows.map(toTokenRecord);
    },
    async revoke(tenant, nameOrId, now) {
      const { rows } = await db.query<{ id: string }>(
        prepared(
          'UPDATE credentials SET revoked_at = $1 WHERE tenant_id = $2 AND (id = $3 OR name = $3) AND revoked_at IS NULL RETURNING id',
          [now, tenant, nameOrId],
        ),
      );
      return rows.map((r) => r.id);
    },
    async touch(tenant, id, now, ip) {
      await db.query(
        prepared('UPDATE credentials SET last_used_at = $1, last_ip = $2 WHERE tenant_id = $3 AND id = $4', [
          now,
          ip,
          tenant,
          id,
        ]),
      );
    },
  };
}
