import type { AdminSession, SessionStore, TenantId } from '../port.ts';
import type { Db } from './driver.ts';

interface Row {
  tenant_id: string;
  token_hash: string;
  admin_id: string | null;
  operator_id: string | null;
  created_at: string;
  last_seen_at: string;
}

const COLUMNS = 'tenant_id, token_hash, admin_id, operator_id, created_at, last_seen_at';

function toSession(row: Row): AdminSession {
  return {
    tenant: row.tenant_id as TenantId,
    tokenHash: row.token_hash,
    adminId: row.admin_id ?? undefined,
    operatorId: row.operator_id ?? undefined,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** A tenant's console and admin API sessions. */
export function sessionRepo(db: Db, tenant: string): SessionStore {
  return {
    async create(s) {
      await db.run(`INSERT INTO admin_sessions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
        tenant,
        s.tokenHash,
        s.adminId ?? null,
        s.operatorId ?? null,
        s.createdAt,
        s.lastSeenAt,
      ]);
    },
    async find(tokenHash) {
      const sql = `SELECT ${COLUMNS} FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2`;
      const row = await db.get<Row>(sql, [tenant, tokenHash]);
      return row && toSession(row);
    },
    async touch(tokenHash, now) {
      await db.run('UPDATE admin_sessions SET last_seen_at = $1 WHERE tenant_id = $2 AND token_hash = $3', [
        now,
        tenant,
        tokenHash,
      ]);
    },
    async delete(tokenHash) {
      await db.run('DELETE FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2', [
        tenant,
        tokenHash,
      ]);
    },
  };
}
