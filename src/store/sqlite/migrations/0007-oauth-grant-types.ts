/**
 * Version 7: which grant types a client may use. The authorization code (with its refresh tokens)
 * needs an admin's consent, so every client has it; client credentials mint a write token from the
 * secret alone, so a client must be registered for them. Existing clients do not get them.
 */
export const oauthGrantTypes = `
ALTER TABLE oauth_clients ADD COLUMN allow_client_credentials INTEGER NOT NULL DEFAULT 0
  CHECK (allow_client_credentials IN (0, 1));
`;
