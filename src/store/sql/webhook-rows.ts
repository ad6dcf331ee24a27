import type {
  ClaimedDelivery,
  DeliveryOutcome,
  OutboxEvent,
  TenantId,
  WebhookEndpointStatus,
} from '../port.ts';

export const OUTBOX_COLUMNS =
  'tenant_id, id, type, resource_type, resource_id, version, occurred_at, payload';

/** An event's values in OUTBOX_COLUMNS order. */
export function outboxValues(tenant: string, event: OutboxEvent): (string | number)[] {
  const { id, type, resourceType, resourceId, version, occurredAt, payload } = event;
  return [tenant, id, type, resourceType, resourceId, version, occurredAt, payload];
}

/** A claimed delivery joined with its endpoint and event, as both dialects return it. */
export interface ClaimedRow {
  endpoint_id: string;
  event_seq: number | string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  payload: string;
}

export const CLAIMED_COLUMNS = `d.endpoint_id, d.event_seq, d.attempts, e.url, e.secret, o.id AS event_id, o.payload`;

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

export function toClaimed(tenant: string, row: ClaimedRow): ClaimedDelivery {
  return {
    tenant: tenant as TenantId,
    endpointId: row.endpoint_id,
    // PostgreSQL returns BIGINT as text.
    eventSeq: Number(row.event_seq),
    attempts: row.attempts,
    url: row.url,
    secret: row.secret,
    eventId: row.event_id,
    payload: row.payload,
  };
}

/** The columns an outcome sets; every outcome ends the lease. */
export function outcomeColumns(outcome: DeliveryOutcome): Record<string, string | number | null> {
  switch (outcome.kind) {
    case 'delivered':
      return { lease_until: null, delivered_at: outcome.at, last_status: outcome.status, last_error: null };
    case 'retry':
      return {
        lease_until: null,
        next_attempt_at: outcome.nextAttemptAt,
        last_status: outcome.status ?? null,
        last_error: outcome.error,
      };
    case 'failed':
      return {
        lease_until: null,
        failed_at: outcome.at,
        last_status: outcome.status ?? null,
        last_error: outcome.error,
      };
    case 'released':
      return outcome.nextAttemptAt
        ? { lease_until: null, next_attempt_at: outcome.nextAttemptAt }
        : { lease_until: null };
  }
}

/** Whether an outcome counts as an attempt. */
export function countsAttempt(outcome: DeliveryOutcome): boolean {
  return outcome.kind !== 'released';
}

export interface EndpointStatusRow {
  id: string;
  tenant_id: string;
  url: string;
  created_at: string;
  pending: number | string | null;
  failed: number | string | null;
}

export const ENDPOINT_STATUS_SQL = (tenant: string) => `SELECT e.id, e.tenant_id, e.url, e.created_at,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.endpoint_id = e.id
       AND d.delivered_at IS NULL AND d.failed_at IS NULL) AS pending,
    (SELECT count(*) FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.endpoint_id = e.id
       AND d.failed_at IS NOT NULL) AS failed
  FROM webhook_endpoints e WHERE e.tenant_id = ${tenant} AND e.disabled_at IS NULL ORDER BY e.created_at, e.id`;

export function toEndpointStatus(row: EndpointStatusRow): WebhookEndpointStatus {
  return {
    id: row.id,
    tenant: row.tenant_id as TenantId,
    url: row.url,
    createdAt: row.created_at,
    pending: Number(row.pending ?? 0),
    failed: Number(row.failed ?? 0),
  };
}

export const DUE_TENANTS_SQL = (now: string, limit: string) =>
  `SELECT DISTINCT d.tenant_id FROM webhook_deliveries d
   WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= ${now} LIMIT ${limit}`;

/** Fans an event out: one pending delivery per active endpoint of the tenant. */
export const FAN_OUT_SQL = (tenant: string, seq: string, now: string) =>
  `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_seq, next_attempt_at)
   SELECT tenant_id, id, ${seq}, ${now} FROM webhook_endpoints WHERE tenant_id = ${tenant} AND disabled_at IS NULL`;

export const PAUSE_SQL = (until: string, tenant: string, endpoint: string) =>
  `UPDATE webhook_endpoints SET paused_until = ${until} WHERE tenant_id = ${tenant} AND id = ${endpoint}`;
