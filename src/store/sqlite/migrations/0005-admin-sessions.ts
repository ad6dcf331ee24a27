/**
 * Version 5: admin console and admin API sessions, stored by the SHA-256 of the cookie's token. A
 * session works on one tenant and belongs to one of its admins or to a server operator.
 */
export const adminSessions = `
CREATE TABLE admin_sessions (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  admin_id TEXT,
  operator_id TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, token_hash),
  CHECK ((admin_id IS NULL) <> (operator_id IS NULL)),
  FOREIGN KEY (tenant_id, admin_id) REFERENCES admins (tenant_id, id) ON DELETE CASCADE
);
`;
