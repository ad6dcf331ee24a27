/** Version 3 on PostgreSQL, as SQLite's 0003: per-tenant keys that sign the JWTs admins request. */
export const signingKeys = `
CREATE TABLE signing_keys (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kid TEXT COLLATE "C" NOT NULL,
  algorithm TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  retired_at TEXT,
  PRIMARY KEY (tenant_id, kid)
);
`;
