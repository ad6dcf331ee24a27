import type { AdminSession, SessionStore, TenantId } from '../port.ts';
import type { Statements } from './statements.ts';

interface Row {
  tenant_id: string;
  token_hash: string;
  admin_id: string | null;
  operator_id: string | null;
  created_at: string;
  last_seen_at: string;
}

const COLUMNS = 'tenant_id, token_hash, admin_id, operator_id, created_at, last_seen_at';

/** Admin sessions; `write` runs outside any open transaction. */
export function sessionRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): SessionStore {
  return {
    create(s) {
      return write(() => {
        writer
          .get(`INSERT INTO admin_sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(s.tenant, s.tokenHash, s.adminId ?? null, s.operatorId ?? null, s.createdAt, s.lastSeenAt);
      });
    },
    async find(tenant, tokenHash): Promise<AdminSession | undefined> {
      const row = reader
        .get(`SELECT ${COLUMNS} FROM admin_sessions WHERE tenant_id = ? AND token_hash = ?`)
        .get(tenant, tokenHash) as Row | undefined;
      return (
        row && {
          tenant: row.tenant_id as TenantId,
          tokenHash: row.token_hash,
          adminId: row.admin_id ?? undefined,
          operatorId: row.operator_id ?? undefined,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
        }
      );
    },
    touch(tenant, tokenHash, now) {
      return write(() => {
        writer
          .get('UPDATE admin_sessions SET last_seen_at = ? WHERE tenant_id = ? AND token_hash = ?')
          .run(now, tenant, tokenHash);
      });
    },
    delete(tenant, tokenHash) {
      return write(() => {
        writer
          .get('DELETE FROM admin_sessions WHERE tenant_id = ? AND token_hash = ?')
          .run(tenant, tokenHash);
      });
    },
  };
}
