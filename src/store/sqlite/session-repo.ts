import type { AdminSession, SessionStore } from '../port.ts';
import { SESSION_COLUMNS as COLUMNS, type SessionRow as Row, toSession } from '../sql/account-rows.ts';
import type { Statements } from './statements.ts';

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
      return row && toSession(row);
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
