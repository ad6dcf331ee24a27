import type { AuditEvent, AuditReads, AuditWrites } from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

/** An event row: the record's own names, the actor in three columns. */
type Row = Omit<AuditEvent, 'actor'> & { actor_kind: string; actor_id: string; actor_name: string };

function toEvent({ seq, at, actor_kind, actor_id, actor_name, ...what }: Row): AuditEvent {
  return {
    seq,
    at,
    actor: { kind: actor_kind, id: actor_id, name: actor_name },
    ...what,
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
        `SELECT seq, at, actor_kind, actor_id, actor_name, action, resource_type AS "resourceType",
           resource_id AS "resourceId", version FROM audit_events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenant, afterSeq, limit],
      );
      return rows.map(toEvent);
    },
  };
}
