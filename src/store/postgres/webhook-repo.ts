import type { EventWrites, TenantId, WebhookStore } from '../port.ts';
import {
  CLAIMED_COLUMNS,
  CLAIMED_JOINS,
  type ClaimedRow,
  countsAttempt,
  DUE_TENANTS_SQL,
  dueCondition,
  ENDPOINT_JOIN,
  ENDPOINT_STATUS_SQL,
  type EndpointStatusRow,
  FAN_OUT_SQL,
  OUTBOX_COLUMNS,
  outboxValues,
  outcomeColumns,
  PAUSE_SQL,
  toClaimed,
  toEndpointStatus,
} from '../sql/webhook-rows.ts';
import { prepared, type Queryable } from './queryable.ts';

/** The event and its fan-out in one round trip, since it runs while the change holds its row locks. */
const APPEND = `WITH o AS (
    INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq
  ) ${FAN_OUT_SQL('$1', '(SELECT seq FROM o)', '$7')}`;

/** The outbox of one tenant; called inside the change's transaction. */
export function eventWrites(db: Queryable, tenant: string): EventWrites {
  return {
    async append(event) {
      await db.query(prepared(APPEND, outboxValues(tenant, event)));
    },
  };
}

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

export function webhookRepo(db: Queryable): WebhookStore {
  return {
    async addEndpoint(endpoint) {
      await db.query(
        prepared(
          'INSERT INTO webhook_endpoints (tenant_id, id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)',
          [endpoint.tenant, endpoint.id, endpoint.url, endpoint.secret, endpoint.createdAt],
        ),
      );
    },
    async listEndpoints(tenant) {
      const { rows } = await db.query<EndpointStatusRow>(prepared(ENDPOINT_STATUS_SQL('$1'), [tenant]));
      return rows.map(toEndpointStatus);
    },
    async removeEndpoint(tenant, id) {
      const { rowCount } = await db.query(
        prepared('DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2', [tenant, id]),
      );
      return (rowCount ?? 0) > 0;
    },
    async dueTenants(now, limit) {
      const { rows } = await db.query<{ tenant_id: TenantId }>(
        prepared(DUE_TENANTS_SQL('$1', '$2'), [now, limit]),
      );
      return rows.map((r) => r.tenant_id);
    },
    async claim(tenant, claim) {
      const { rows } = await db.query<ClaimedRow>(
        prepared(CLAIM, [tenant, claim.now, claim.limit, claim.leaseUntil, claim.owner]),
      );
      return rows.map((row) => toClaimed(tenant, row));
    },
    async settle(delivery, owner, outcome) {
      const columns = outcomeColumns(outcome);
      const sets = Object.keys(columns).map((name, i) => `${name} = $${i + 5}`);
      if (countsAttempt(outcome)) sets.push('attempts = attempts + 1');
      const sql = `UPDATE webhook_deliveries SET ${sets.join(', ')}
        WHERE tenant_id = $1 AND endpoint_id = $2 AND event_seq = $3 AND leased_by = $4
          AND delivered_at IS NULL AND failed_at IS NULL`;
      await db.query(
        prepared(sql, [
          delivery.tenant,
          delivery.endpointId,
          delivery.eventSeq,
          owner,
          ...Object.values(columns),
        ]),
      );
    },
    async pauseEndpoint(tenant, endpointId, until) {
      await db.query(prepared(PAUSE_SQL('$1', '$2', '$3'), [until, tenant, endpointId]));
    },
  };
}
