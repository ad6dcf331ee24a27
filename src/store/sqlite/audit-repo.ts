import type { AuditReads, AuditWrites } from '../port.ts';
import { AUDIT_COLUMNS, type AuditRow, auditValues, toAuditEvent } from '../sql/account-rows.ts';
import type { Statements } from './statements.ts';

// The next seq is read in the writing transaction, which holds the write lock, so it cannot collide.
const APPEND = `INSERT INTO audit_events
  (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
  SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM audit_events WHERE tenant_id = ?`;

export function auditWrites(statements: Statements, tenant: string): AuditWrites {
  return {
    async append(e) {
      statements.get(APPEND).run(tenant, ...auditValues(e), tenant);
    },
  };
}

export function auditReads(statements: Statements, tenant: string): AuditReads {
  return {
    async list(afterSeq, limit) {
      const rows = statements
        .get(`SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
        .all(tenant, afterSeq, limit) as AuditRow[];
      return rows.map(toAuditEvent);
    },
  };
}
