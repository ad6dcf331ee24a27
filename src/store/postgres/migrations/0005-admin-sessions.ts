/** Version 5 on PostgreSQL, as SQLite's 0005: console and admin API sessions, by the SHA-256 of the cookie's token. */
export const adminSessions = `
CREATE TABLE admin_sessions (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash TEXT COLLATE "C" NOT NULL,
  admin_id TEXT COLLATE "C",
  operator_id TEXT, -- a server operator, who belongs to no tenant
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, token_hash),
  CHECK ((admin_id IS NULL) <> (operator_id IS NULL)),
  FOREIGN KEY (tenant_id, admin_id) REFERENCES admins (tenant_id, id) ON DELETE CASCADE
);
`;
