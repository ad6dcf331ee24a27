/**
 * Version 10 on PostgreSQL, as SQLite's 0010: the list cursor key, shared by every worker and server
 * process on the database. gen_random_uuid draws from the server's cryptographic generator: two of them
 * give 244 random bits, with no extension needed.
 */
export const cursorKey = `
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
INSERT INTO server_keys (name, secret)
  VALUES ('cursor', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
`;
