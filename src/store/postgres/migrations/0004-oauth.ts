/** Version 4 on PostgreSQL, as SQLite's 0004: the OAuth 2.0 authorization server's clients, codes, grants and tokens. */
export const oauth = `
CREATE TABLE oauth_clients (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  redirect_uris_json TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE oauth_grants (
  tenant_id TEXT COLLATE "C" NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  client_id TEXT COLLATE "C" NOT NULL,
  admin_id TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES oauth_clients (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE oauth_codes (
  tenant_id TEXT COLLATE "C" NOT NULL,
  code_hash TEXT COLLATE "C" NOT NULL,
  client_id TEXT COLLATE "C" NOT NULL,
  admin_id TEXT NOT NULL,
  redirect_uri TEXT,
  code_challenge TEXT,
  expires_at TEXT NOT NULL,
  grant_id TEXT,
  PRIMARY KEY (tenant_id, code_hash),
  FOREIGN KEY (tenant_id, client_id) REFERENCES oauth_clients (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE oauth_tokens (
  tenant_id TEXT COLLATE "C" NOT NULL,
  token_hash TEXT COLLATE "C" NOT NULL,
  grant_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at TEXT NOT NULL,
  spent_at TEXT,
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, grant_id) REFERENCES oauth_grants (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (tenant_id, grant_id);
`;
