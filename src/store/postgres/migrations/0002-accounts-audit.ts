/**
 * Version 2 on PostgreSQL, as SQLite's 0002: tenant accounts, operators, the audit trail, and token
 * expiry, last client address and scope. audit_counters hands out each tenant's next audit seq: its
 * row lock, held to commit, makes seq order commit order, so a reader paging by seq never skips one.
 */
export const accountsAudit = `
CREATE TABLE admins (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  username TEXT NOT NULL,
  username_key TEXT COLLATE "C" NOT NULL,
  display_name TEXT,
  password_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'provisioning')),
  created_at TEXT COLLATE "C" NOT NULL,
  disabled_at TEXT,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, username_key)
);

CREATE TABLE operators (
  id TEXT COLLATE "C" PRIMARY KEY,
  username TEXT COLLATE "C" NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE audit_counters (
  tenant_id TEXT COLLATE "C" PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_seq BIGINT NOT NULL
);

CREATE TABLE audit_events (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'replace', 'patch', 'delete')), -- dropped by version 8
  resource_type TEXT NOT NULL,
  resource_id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_events_resource ON audit_events (tenant_id, resource_id);

ALTER TABLE credentials ADD COLUMN expires_at TEXT;
ALTER TABLE credentials ADD COLUMN last_ip TEXT;
ALTER TABLE credentials ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));
`;
