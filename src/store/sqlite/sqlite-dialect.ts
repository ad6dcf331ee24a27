import type { Dialect } from '../sql/dialect.ts';
import type { ClaimedRow } from '../sql/webhooks.ts';
import {
  CLAIMED_COLUMNS,
  CLAIMED_JOINS,
  dueCondition,
  FAN_OUT_SQL,
  OUTBOX_COLUMNS,
} from '../sql/webhooks.ts';

/** Keys come from the schema (never from the request), but are quoted as JSON path members anyway. */
function jsonPath(path: readonly string[]): string {
  const members = path.map((key) => `."${key.replaceAll('"', '\\"')}"`).join('');
  return `'$${members.replaceAll("'", "''")}'`;
}

/** Arrays are bound as JSON text (see the driver), read back with json_each. */
export const sqliteDialect: Dialect = {
  jsonScalar: (json, path) => `json_extract(${json}, ${jsonPath(path)})`,
  jsonElements: (json, path, alias) => `json_each(${json}, ${jsonPath(path)}) AS ${alias}`,
  elementJson: (alias) => `${alias}.value`,
  elementScalar: (alias) => `${alias}.value`,
  jsonArrayLength: (json, path) => `coalesce(json_array_length(${json}, ${jsonPath(path)}), 0)`,
  // BINARY, SQLite's default collation, already compares bytes.
  bytewise: (expr) => expr,
  nullsFirst: true,
  fold: (expr) => `scim_fold(${expr})`,
  jsonTrue: '1',
  dateTime: (expr) => `unixepoch(${expr}, 'subsec')`,
  // instr/substr match characters literally, so `%`, `_` and `\` in a filter value need no escaping.
  contains: (expr, needle) => `instr(${expr}, ${needle}) > 0`,
  startsWith: (expr, needle) => `substr(${expr}, 1, length(${needle})) = ${needle}`,
  endsWith: (expr, needle) => `substr(${expr}, -length(${needle})) = ${needle}`,

  inArray: (param) => `IN (SELECT value FROM json_each(${param}))`,
  arrayRows: (param, alias) => `json_each(${param}) AS ${alias}`,
  uniqueViolation(error) {
    const { code, message } = error as { code?: string; message?: string };
    return code === 'SQLITE_CONSTRAINT_UNIQUE' ? (message ?? '') : undefined;
  },
  // The next seq is read in the writing transaction, which holds the write lock, so it cannot collide.
  appendAudit: `INSERT INTO audit_events
    (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
    SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM audit_events WHERE tenant_id = $1`,
  async appendEvent(db, values) {
    const sql = `INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`;
    const event = await db.get<{ seq: number }>(sql, values);
    await db.run(FAN_OUT_SQL('$1', '$2', '$3'), [values[0], event?.seq, values[6]]);
  },
  // One writer runs one transaction at a time, so the select and the leases cannot interleave with
  // another claim.
  claim: (db, [tenant, now, limit, leaseUntil, owner]) =>
    db.atomic(async (tx) => {
      const rows = await tx.all<ClaimedRow>(
        `SELECT ${CLAIMED_COLUMNS} FROM webhook_deliveries d ${CLAIMED_JOINS}
         WHERE d.tenant_id = $1 AND ${dueCondition('$2')} ORDER BY d.event_seq LIMIT $3`,
        [tenant, now, limit],
      );
      const lease = `UPDATE webhook_deliveries SET lease_until = $1, leased_by = $2
        WHERE tenant_id = $3 AND endpoint_id = $4 AND event_seq = $5`;
      for (const row of rows) await tx.run(lease, [leaseUntil, owner, tenant, row.endpointId, row.eventSeq]);
      return rows;
    }),
  keyLock: undefined,
};
