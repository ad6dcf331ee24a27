/**
 * Version 6: the transactional outbox and webhook delivery. An event and its deliveries (one per
 * active endpoint) are written in the transaction of the change they describe, so nothing is fanned
 * out later and nothing acknowledged can be lost. (Version 2 belongs to another branch.)
 */
export const outbox = `
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,                 -- event order
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,                        -- the event id: webhook-id, the consumer's dedupe key
  type TEXT NOT NULL,                      -- user.created, group.updated, …
  resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
  resource_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  payload TEXT NOT NULL,                   -- the exact JSON body that is signed and sent
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, seq)
);

CREATE TABLE webhook_endpoints (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,                    -- whsec_<base64>: presented to sign, so kept as is
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  paused_until TEXT,                       -- failing: nothing is sent to it before then
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

CREATE TABLE webhook_deliveries (
  tenant_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,                        -- claimed until then; a killed claimer's rows come back after it
  leased_by TEXT,
  last_status INTEGER,
  last_error TEXT,
  delivered_at TEXT,
  failed_at TEXT,
  PRIMARY KEY (tenant_id, endpoint_id, event_seq),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, event_seq) REFERENCES outbox (tenant_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;
-- Only what is still to deliver: the claim and the poller's look-up of busy tenants read this alone.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (tenant_id, event_seq)
  WHERE delivered_at IS NULL AND failed_at IS NULL;
`;
