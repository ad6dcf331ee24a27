/** Version 7 on PostgreSQL, as SQLite's 0007: client credentials only for clients registered for them. */
export const oauthGrantTypes = `
ALTER TABLE oauth_clients ADD COLUMN allow_client_credentials BOOLEAN NOT NULL DEFAULT false;
`;
