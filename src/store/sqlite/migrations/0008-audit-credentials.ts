/**
 * Version 8: the audit trail records credential changes too (tokens, accounts, signing keys, OAuth
 * clients and grants, webhook endpoints), whose actions the old CHECK refused and which have no version.
 * SQLite cannot drop a CHECK or a NOT NULL, so the table is rebuilt, keys and index as before.
 */
export const auditCredentials = `
CREATE TABLE audit_events_v8 (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version INTEGER,
  PRIMARY KEY (tenant_id, seq)
);
INSERT INTO audit_events_v8 (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
  SELECT tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_v8 RENAME TO audit_events;
CREATE INDEX audit_events_resource ON audit_events (tenant_id, resource_id);
`;
