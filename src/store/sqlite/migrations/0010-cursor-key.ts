/**
 * Version 10: the key that authenticates list cursors (RFC 9865), made here once so that every process
 * on the database signs and checks cursors alike: 256 bits from SQLite's generator (ChaCha20 seeded
 * from the operating system's randomness).
 */
export const cursorKey = `
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
INSERT INTO server_keys (name, secret) VALUES ('cursor', lower(hex(randomblob(32))));
`;
