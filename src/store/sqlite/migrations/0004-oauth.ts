/**
 * Version 4: the OAuth 2.0 authorization server. Clients (app registrations), authorization codes,
 * grants (one per authorization: a refresh-token family, or one client-credentials token) and the
 * tokens of each grant. Codes and tokens are stored only as SHA-256 hashes.
 */
export const oauth = `
CREATE TABLE oauth_clients (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  redirect_uris_json TEXT NOT NULL,        -- exact-match list
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE oauth_grants (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  admin_id TEXT,                           -- who consented; NULL for client credentials
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES oauth_clients (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE oauth_codes (
  tenant_id TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  client_id TEXT NOT NULL,
  admin_id TEXT NOT NULL,
  redirect_uri TEXT,                       -- as given in the authorization request, if it was
  code_challenge TEXT,                     -- PKCE S256
  expires_at TEXT NOT NULL,
  grant_id TEXT,                           -- set when redeemed: a second redemption revokes it
  PRIMARY KEY (tenant_id, code_hash),
  FOREIGN KEY (tenant_id, client_id) REFERENCES oauth_clients (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE oauth_tokens (
  tenant_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  grant_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at TEXT NOT NULL,
  spent_at TEXT,                           -- a refresh token, once exchanged
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, grant_id) REFERENCES oauth_grants (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (tenant_id, grant_id);
`;
