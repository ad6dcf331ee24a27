/** Version 5: admin console and admin API sessions, stored by the SHA-256 of the cookie's token. */
export const adminSessions = `
CREATE TABLE admin_sessions (
  tenant_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  admin_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, admin_id) REFERENCES admins (tenant_id, id) ON DELETE CASCADE
);
`;
