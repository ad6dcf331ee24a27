/**
 * Version 6 on PostgreSQL: SQLite's 0006 in PostgreSQL's types. Every key leads with tenant_id, so the
 * three tables distribute by tenant with the others. The payload is TEXT, not JSONB: it is the exact
 * body that is signed, and JSONB would reorder its keys.
 */
export const outbox = `
CREATE TABLE outbox (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT COLLATE "C" NOT NULL,
  type TEXT NOT NULL,
  resource_type TEXT NOT NULL CHECK (resource_type IN ('User', 'Group')),
  resource_id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  occurred_at TEXT COLLATE "C" NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, id)
);

CREATE TABLE webhook_endpoints (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  disabled_at TEXT COLLATE "C",
  paused_until TEXT COLLATE "C",
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE webhook_deliveries (
  tenant_id TEXT COLLATE "C" NOT NULL,
  endpoint_id TEXT COLLATE "C" NOT NULL,
  event_seq BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT COLLATE "C" NOT NULL,
  lease_until TEXT COLLATE "C",
  leased_by TEXT,
  last_status INTEGER,
  last_error TEXT,
  delivered_at TEXT COLLATE "C",
  failed_at TEXT COLLATE "C",
  PRIMARY KEY (tenant_id, endpoint_id, event_seq),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, event_seq) REFERENCES outbox (tenant_id, seq) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (tenant_id, event_seq)
  WHERE delivered_at IS NULL AND failed_at IS NULL;
`;
