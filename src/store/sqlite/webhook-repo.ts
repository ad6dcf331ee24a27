import type { EventWrites, TenantId, WebhookStore } from '../port.ts';
import {
  CLAIMED_COLUMNS,
  CLAIMED_JOINS,
  type ClaimedRow,
  countsAttempt,
  DUE_TENANTS_SQL,
  dueCondition,
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
import type { Statements } from './statements.ts';

const APPEND = `INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** The outbox of one tenant; called inside the change's transaction. */
export function eventWrites(statements: Statements, tenant: string): EventWrites {
  return {
    async append(event) {
      const { lastInsertRowid } = statements.get(APPEND).run(...outboxValues(tenant, event));
      statements.get(FAN_OUT_SQL('?', '?', '?')).run(lastInsertRowid, event.occurredAt, tenant);
    },
  };
}

/**
 * Endpoints and the delivery queue. `write` runs work on the writer inside one immediate transaction
 * (see WriteQueue), so a claim's select and update cannot interleave with another claim.
 */
export function webhookRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): WebhookStore {
  const claimSql = `SELECT ${CLAIMED_COLUMNS} FROM webhook_deliveries d ${CLAIMED_JOINS}
    WHERE d.tenant_id = @tenant AND ${dueCondition('@now')} ORDER BY d.event_seq LIMIT @limit`;
  const leaseSql = `UPDATE webhook_deliveries SET lease_until = ?, leased_by = ?
    WHERE tenant_id = ? AND endpoint_id = ? AND event_seq = ?`;
  return {
    addEndpoint(endpoint) {
      return write(() => {
        writer
          .get(
            'INSERT INTO webhook_endpoints (tenant_id, id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(endpoint.tenant, endpoint.id, endpoint.url, endpoint.secret, endpoint.createdAt);
      });
    },
    async listEndpoints(tenant) {
      const rows = reader.get(ENDPOINT_STATUS_SQL('?')).all(tenant) as EndpointStatusRow[];
      return rows.map(toEndpointStatus);
    },
    removeEndpoint(tenant, id) {
      const sql = 'DELETE FROM webhook_endpoints WHERE tenant_id = ? AND id = ?';
      return write(() => writer.get(sql).run(tenant, id).changes > 0);
    },
    async dueTenants(now, limit) {
      return reader.get(DUE_TENANTS_SQL('?', '?')).pluck().all(now, limit) as TenantId[];
    },
    claim(tenant, claim) {
      return write(() => {
        const rows = writer.get(claimSql).all({ tenant, now: claim.now, limit: claim.limit }) as ClaimedRow[];
        const lease = writer.get(leaseSql);
        for (const row of rows)
          lease.run(claim.leaseUntil, claim.owner, tenant, row.endpoint_id, row.event_seq);
        return rows.map((row) => toClaimed(tenant, row));
      });
    },
    settle(delivery, owner, outcome) {
      const columns = outcomeColumns(outcome);
      const sets = Object.keys(columns).map((name) => `${name} = ?`);
      if (countsAttempt(outcome)) sets.push('attempts = attempts + 1');
      const sql = `UPDATE webhook_deliveries SET ${sets.join(', ')}
        WHERE tenant_id = ? AND endpoint_id = ? AND event_seq = ? AND leased_by = ?
          AND delivered_at IS NULL AND failed_at IS NULL`;
      return write(() => {
        writer
          .get(sql)
          .run(...Object.values(columns), delivery.tenant, delivery.endpointId, delivery.eventSeq, owner);
      });
    },
    pauseEndpoint(tenant, endpointId, until) {
      return write(() => {
        writer.get(PAUSE_SQL('?', '?', '?')).run(until, tenant, endpointId);
      });
    },
  };
}
