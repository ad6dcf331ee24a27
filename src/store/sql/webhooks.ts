import type {
  ClaimedDelivery,
  DeliveryOutcome,
  DeliveryPoll,
  EventWrites,
  TenantId,
  WebhookEndpointStatus,
  WebhookStore,
} from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

export const OUTBOX_COLUMNS =
  'tenant_id, id, type, resource_type, resource_id, version, occurred_at, payload';

/** A claimed delivery joined with its endpoint and event, as the dialect's claim selects it. */
export type ClaimedRow = Omit<ClaimedDelivery, 'tenant'>;

export const CLAIMED_COLUMNS = `d.endpoint_id AS "endpointId", d.event_seq AS "eventSeq", d.attempts, e.url, e.secret,
  o.id AS "eventId", o.payload`;

/** The endpoint of a delivery `d`, in its tenant. */
export const ENDPOINT_JOIN = 'JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id';

/** Joins a set `d` of delivery rows with their endpoint `e` and event `o`, all in `d`'s tenant. */
export const CLAIMED_JOINS = `${ENDPOINT_JOIN}
  JOIN outbox o ON o.tenant_id = d.tenant_id AND o.seq = d.event_seq`;

/**
 * Due and free to claim: not settled, its next attempt has come, no live lease on it, and its endpoint
 * `e` (joined by the caller) not paused.
 */
export function dueCondition(now: string): string {
  return `d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= ${now}
    AND (d.lease_until IS NULL OR d.lease_until <= ${now}) AND (e.paused_until IS NULL OR e.paused_until <= ${now})`;
}

/** Fans event `seq` out: one pending delivery per active endpoint of the tenant. */
export const FAN_OUT_SQL = (tenant: string, seq: string, now: string) =>
  `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_seq, next_attempt_at)
   SELECT tenant_id, id, ${seq}, ${now} FROM webhook_endpoints WHERE tenant_id = ${tenant} AND disabled_at IS NULL`;

/** The columns an outcome sets; every outcome ends the lease. */
function outcomeColumns(outcome: DeliveryOutcome): Record<string, string | number | null> {
  switch (outcome.kind) {
    case 'delivered':
      return { lease_until: null, delivered_at: outcome.at, last_status: outcome.status, last_error: null };
    case 'released':
      return { lease_until: null, ...(outcome.nextAttemptAt && { next_attempt_at: outcome.nextAttemptAt }) };
    default: {
      // An attempt that did not deliver: tried again later, or given up on.
      const failure = { lease_until: null, last_status: outcome.status ?? null, last_error: outcome.error };
      const next =
        outcome.kind === 'retry' ? { next_attempt_at: outcome.nextAttemptAt } : { failed_at: outcome.at };
      return { ...failure, ...next };
    }
  }
}

const ENDPOINT_STATUS = `SELECT e.id, e.tenant_id AS tenant, e.url, e.created_at AS "createdAt",
    (SELECT count(*) FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.endpoint_id = e.id
       AND d.delivered_at IS NULL AND d.failed_at IS NULL) AS pending,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.endpoint_id = e.id
       AND d.failed_at IS NOT NULL) AS failed
  FROM webhook_endpoints e WHERE e.tenant_id = $1 AND e.disabled_at IS NULL ORDER BY e.created_at, e.id`;

/** The outbox of one tenant; called inside the change's transaction. */
export function eventWrites(db: Db, dialect: Dialect, tenant: string): EventWrites {
  return {
    append(e) {
      const values = [tenant, e.id, e.type, e.resourceType, e.resourceId, e.version, e.occurredAt, e.payload];
      return dialect.appendEvent(db, values);
    },
  };
}

/** A tenant's endpoints and delivery queue. */
export function webhookRepo(db: Db, dialect: Dialect, tenant: TenantId): WebhookStore {
  return {
    async addEndpoint(endpoint) {
      await db.run(
        'INSERT INTO webhook_endpoints (tenant_id, id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)',
        [tenant, endpoint.id, endpoint.url, endpoint.secret, endpoint.createdAt],
      );
    },
    async listEndpoints() {
      return db.all<WebhookEndpointStatus>(ENDPOINT_STATUS, [tenant]);
    },
    async removeEndpoint(id) {
      return (
        (await db.run('DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2', [tenant, id])) > 0
      );
    },
    async claim(claim) {
      const rows = await dialect.claim(db, [tenant, claim.now, claim.limit, claim.leaseUntil, claim.owner]);
      return rows.map((row) => ({ tenant, ...row }));
    },
    async settle(delivery, owner, outcome) {
      const columns = outcomeColumns(outcome);
      const sets = Object.keys(columns).map((name, i) => `${name} = $${i + 5}`);
      if (outcome.kind !== 'released') sets.push('attempts = attempts + 1');
      const sql = `UPDATE webhook_deliveries SET ${sets.join(', ')}
        WHERE tenant_id = $1 AND endpoint_id = $2 AND event_seq = $3 AND leased_by = $4
          AND delivered_at IS NULL AND failed_at IS NULL`;
      await db.run(sql, [tenant, delivery.endpointId, delivery.eventSeq, owner, ...Object.values(columns)]);
    },
    async pauseEndpoint(endpointId, until) {
      const sql = 'UPDATE webhook_endpoints SET paused_until = $1 WHERE tenant_id = $2 AND id = $3';
      await db.run(sql, [until, tenant, endpointId]);
    },
  };
}

export function deliveryPoll(db: Db): DeliveryPoll {
  return {
    async dueTenants(now, limit) {
      const rows = await db.all<{ tenant_id: TenantId }>(
        `SELECT DISTINCT d.tenant_id FROM webhook_deliveries d
         WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= $1 LIMIT $2`,
        [now, limit],
      );
      return rows.map((r) => r.tenant_id);
    },
  };
}
