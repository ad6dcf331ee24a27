import type { AdminSession, SessionStore } from '../port.ts';
import type { Db } from './driver.ts';

/** A tenant's console and admin API sessions. */
export function sessionRepo(db: Db, tenant: string): SessionStore {
  return {
    async create(s) {
      await db.run(
        `INSERT INTO admin_sessions (tenant_id, token_hash, admin_id, operator_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenant, s.tokenHash, s.adminId ?? null, s.operatorId ?? null, s.createdAt, s.lastSeenAt],
      );
    },
    find(tokenHash) {
      return db.get<AdminSession>(
        `SELECT tenant_id AS tenant, token_hash AS "tokenHash", admin_id AS "adminId", operator_id AS "operatorId",
           created_at AS "createdAt", last_seen_at AS "lastSeenAt"
         FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2`,
        [tenant, tokenHash],
      );
    },
    async touch(tokenHash, now) {
      const sql = 'UPDATE admin_sessions SET last_seen_at = $1 WHERE tenant_id = $2 AND token_hash = $3';
      await db.run(sql, [now, tenant, tokenHash]);
    },
    async delete(tokenHash) {
      const sql = 'DELETE FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2';
      await db.run(sql, [tenant, tokenHash]);
    },
  };
}
