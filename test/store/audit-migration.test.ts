import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/compose.ts';
import type { TenantId } from '../../src/store/port.ts';
import { migrations as postgresMigrations } from '../../src/store/postgres/migrations/index.ts';
import { migrations as sqliteMigrations } from '../../src/store/sqlite/migrations/index.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';

// Migration 8 widens the audit trail to credential changes: on SQLite by rebuilding the table, on
// PostgreSQL by dropping a CHECK. A trail written before it must come through unchanged.

const T = 'acme' as TenantId;
const AT = '2030-01-01T00:00:00.000Z';
const BEFORE_8 = `INSERT INTO tenants (id, created_at) VALUES ('acme', '${AT}');
  INSERT INTO audit_events (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
  VALUES ('acme', 1, '${AT}', 'token', 't1', 'okta', 'patch', 'User', 'u1', 3);`;

let db: TestDatabase;
after(() => db?.drop());

/** The schema as version 7 left it, with one SCIM change in the audit trail. */
async function atVersion7(database: string): Promise<void> {
  const ddl = (list: readonly { version: number; sql: string }[]) =>
    [
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);',
      ...list
        .filter((m) => m.version <= 7)
        .map((m) => `${m.sql};\nINSERT INTO schema_migrations VALUES (${m.version}, '${AT}');`),
      BEFORE_8,
    ].join('\n');
  if (ENGINE === 'sqlite') {
    const sqlite = new Database(database);
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec(ddl(sqliteMigrations));
    sqlite.close();
    return;
  }
  const client = new pg.Client(database);
  await client.connect();
  // PostgreSQL numbers the trail from a counter row, which the server would have written with the entry.
  await client.query(
    `${ddl(postgresMigrations)}\nINSERT INTO audit_counters (tenant_id, last_seq) VALUES ('acme', 1);`,
  );
  await client.end();
}

test('migration 8 keeps the audit trail written before it, and then takes credential entries', async () => {
  db = await freshDatabase();
  await atVersion7(db.database);
  const store = await openStore(db.database);
  try {
    assert.equal((await store.health()).schemaVersion, 8);
    const credential = {
      at: AT,
      actor: { kind: 'cli', id: 'root', name: 'cli:root' },
      action: 'revoke',
      resourceType: 'Token',
      resourceId: 't1',
      version: undefined,
    } as const;
    await store.forTenant(T).transaction((tx) => tx.audit.append(credential));
    assert.deepEqual(await store.forTenant(T).audit.list(0, 10), [
      {
        seq: 1,
        at: AT,
        actor: { kind: 'token', id: 't1', name: 'okta' },
        action: 'patch',
        resourceType: 'User',
        resourceId: 'u1',
        version: 3,
      },
      { seq: 2, ...credential },
    ]);
  } finally {
    await store.close();
  }
});
