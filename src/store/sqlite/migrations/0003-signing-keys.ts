/**
 * Version 3: per-tenant keys that sign the JWTs admins request. A rotation retires the live key, and
 * tokens signed with a retired key are refused.
 */
export const signingKeys = `
CREATE TABLE signing_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kid TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  secret TEXT NOT NULL,                    -- base64url key material; HMAC needs the key itself
  created_at TEXT NOT NULL,
  retired_at TEXT,
  PRIMARY KEY (tenant_id, kid)
);
`;
