import type { TokenRecord, TokenStore } from '../port.ts';
import type { Db } from './driver.ts';

const COLUMNS = `id, tenant_id AS tenant, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt", expires_at AS "expiresAt", last_ip AS "lastIp", scope`;

/** A tenant's API tokens, kept as SHA-256 hashes. */
export function tokenRepo(db: Db, tenant: string): TokenStore {
  return {
    async create(token, hash) {
      const { id, name, prefix, createdAt } = token;
      await db.run(
        `INSERT INTO credentials (id, tenant_id, name, prefix, secret_hash, created_at, expires_at, scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, tenant, name, prefix, hash, createdAt, token.expiresAt ?? null, token.scope ?? 'write'],
      );
    },
    findByHash(hash) {
      const sql = `SELECT ${COLUMNS} FROM credentials WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL`;
      return db.get<TokenRecord>(sql, [tenant, hash]);
    },
    list() {
      const sql = `SELECT ${COLUMNS} FROM credentials WHERE tenant_id = $1 ORDER BY created_at`;
      return db.all<TokenRecord>(sql, [tenant]);
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
      const sql = 'UPDATE credentials SET last_used_at = $1, last_ip = $2 WHERE tenant_id = $3 AND id = $4';
      await db.run(sql, [now, ip, tenant, id]);
    },
  };
}
