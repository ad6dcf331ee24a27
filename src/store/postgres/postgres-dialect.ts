import type { Dialect } from '../sql/dialect.ts';
import type { ClaimedRow } from '../sql/webhooks.ts';
import {
  CLAIMED_COLUMNS,
  CLAIMED_JOINS,
  dueCondition,
  ENDPOINT_JOIN,
  FAN_OUT_SQL,
  OUTBOX_COLUMNS,
} from '../sql/webhooks.ts';

/** A path as a text[] literal; keys come from the schema, never from the request, but are quoted anyway. */
function pathArray(path: readonly string[]): string {
  return `ARRAY[${path.map((key) => `'${key.replaceAll("'", "''")}'`).join(', ')}]::text[]`;
}

/** Text compares in byte order ("C"), as SQLite and the in-memory evaluator do, whatever the database's locale. */
const bytewise = (expr: string) => `(${expr} COLLATE "C")`;

/** The event and its fan-out in one round trip, since it runs while the change holds its row locks. */
const APPEND_EVENT = `WITH o AS (
    INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq
  ) ${FAN_OUT_SQL('$1', '(SELECT seq FROM o)', '$7')}`;

/**
 * The claim is one statement: lock the due rows that no one else holds (SKIP LOCKED, so concurrent
 * claimers in any process take disjoint rows without waiting), lease them, and return them joined with
 * their endpoint and event. The lease outlives the statement's row locks: until it ends, the rows are
 * not due for anyone else; after it, a killed claimer's rows are due again.
 */
const CLAIM = `WITH due AS (
    SELECT d.tenant_id, d.endpoint_id, d.event_seq FROM webhook_deliveries d ${ENDPOINT_JOIN}
    WHERE d.tenant_id = $1 AND ${dueCondition('$2')}
    ORDER BY d.event_seq LIMIT $3 FOR UPDATE OF d SKIP LOCKED
  ), d AS (
    UPDATE webhook_deliveries w SET lease_until = $4, leased_by = $5 FROM due
    WHERE w.tenant_id = $1 AND w.endpoint_id = due.endpoint_id AND w.event_seq = due.event_seq
    RETURNING w.*
  )
  SELECT ${CLAIMED_COLUMNS} FROM d ${CLAIMED_JOINS} WHERE d.tenant_id = $1 ORDER BY d.event_seq`;

export const postgresDialect: Dialect = {
  jsonScalar: (json, path) => bytewise(`${json} #>> ${pathArray(path)}`),
  // jsonb_array_elements rejects a non-array, so anything else yields no elements, like SQLite's json_each.
  jsonElements: (json, path, alias) =>
    `jsonb_array_elements(CASE WHEN jsonb_typeof(${json} #> ${pathArray(path)}) = 'array' THEN ${json} #> ${pathArray(path)} END) AS ${alias}(value)`,
  elementJson: (alias) => `${alias}.value`,
  elementScalar: (alias) => bytewise(`${alias}.value #>> '{}'`),
  jsonArrayLength: (json, path) =>
    `coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(${json} #> ${pathArray(path)}) = 'array' THEN ${json} #> ${pathArray(path)} END), 0)`,
  bytewise,
  nullsFirst: false,
  // The ICU root locale maps case as JavaScript's toLowerCase does (foldCase); libc locales do not.
  fold: (expr) => bytewise(`lower(${expr} COLLATE "und-x-icu")`),
  jsonTrue: `'true'`,
  dateTime: (expr) => `scim_epoch(${expr})`,
  // strpos/left/right match characters literally, so `%`, `_` and `\` in a filter value need no escaping.
  contains: (expr, needle) => `strpos(${expr}, ${needle}::text) > 0`,
  startsWith: (expr, needle) => `left(${expr}, length(${needle}::text)) = ${needle}::text`,
  endsWith: (expr, needle) => `right(${expr}, length(${needle}::text)) = ${needle}::text`,

  inArray: (param) => `= ANY(${param}::text[])`,
  arrayRows: (param, alias) => `unnest(${param}::text[]) AS ${alias}(value)`,
  uniqueViolation(error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    return code === '23505' ? (constraint ?? '') : undefined;
  },
  /**
   * The next seq comes from the tenant's counter row, which stays locked until the change commits, so
   * events are numbered in commit order. Append last in a transaction: it serialises the tenant's
   * writes from that point to the commit.
   */
  appendAudit: `WITH next AS (
      INSERT INTO audit_counters (tenant_id, last_seq) VALUES ($1, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET last_seq = audit_counters.last_seq + 1 RETURNING last_seq)
    INSERT INTO audit_events (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
    SELECT $1, next.last_seq, $2, $3, $4, $5, $6, $7, $8, $9 FROM next`,
  async appendEvent(db, values) {
    await db.run(APPEND_EVENT, values);
  },
  claim: (db, values) => db.all<ClaimedRow>(CLAIM, values),
  keyLock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
};
