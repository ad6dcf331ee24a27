import type { AuditEvent, AuditReads, AuditWrites } from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

interface Row {
  seq: number | string;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: AuditEvent['action'];
  resource_type: AuditEvent['resourceType'];
  resource_id: string;
  version: number | null;
}

function toEvent(row: Row): AuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    version: row.version ?? undefined,
  };
}

/** A tenant's audit trail: appended in each change's transaction (seq by the dialect), read in order. */
export function auditWrites(db: Db, dialect: Dialect, tenant: string): AuditWrites {
  return {
    async append(e) {
      const { actor } = e;
      const what = [e.action, e.resourceType, e.resourceId, e.version ?? null];
      await db.run(dialect.appendAudit, [tenant, e.at, actor.kind, actor.id, actor.name, ...what]);
    },
  };
}

export function auditReads(db: Db, tenant: string): AuditReads {
  return {
    async list(afterSeq, limit) {
      const rows = await db.all<Row>(
        `SELECT seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version
         FROM audit_events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenant, afterSeq, limit],
      );
      return rows.map(toEvent);
    },
  };
}
