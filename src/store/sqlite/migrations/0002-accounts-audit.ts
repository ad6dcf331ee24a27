/**
 * Version 2: tenant admin and provisioning accounts, the server's operator accounts, the audit trail,
 * and token expiry, last client address and scope. Every tenant key leads with tenant_id.
 */
export const accountsAudit = `
-- Tenant admins (console, admin API, JWT and OAuth consent) and SCIM-only provisioning accounts (HTTP
-- Basic). Passwords are argon2id PHC strings; the username is unique per tenant after case folding.
CREATE TABLE admins (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL,
  display_name TEXT,
  password_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'provisioning')),
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, username_key)
);

-- Operators administer the whole server, so they belong to no tenant (a reference table on Citus).
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Who changed what, written in the transaction of the change itself. seq counts per tenant.
CREATE TABLE audit_events (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'replace', 'patch', 'delete')),
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_events_resource ON audit_events (tenant_id, resource_id);

ALTER TABLE credentials ADD COLUMN expires_at TEXT;
ALTER TABLE credentials ADD COLUMN last_ip TEXT;
-- 'write' may do everything SCIM offers; 'read' only reads (a host application's key).
ALTER TABLE credentials ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));
`;
