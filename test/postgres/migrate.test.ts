import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { migrations } from '../../src/store/postgres/migrations/index.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';
import { runCliAsync } from '../support/pg-processes.ts';

// `scimitar migrate`: the schema step a deploy runs on its own, safe to run from several places at once.

const VERSIONS = migrations.map((m) => m.version);
const LATEST = Math.max(...VERSIONS);
const databases: TestDatabase[] = [];

after(async () => {
  for (const db of databases) await db.drop();
});

async function fresh(): Promise<string> {
  const db = await freshPostgresDatabase();
  databases.push(db);
  return db.database;
}

async function appliedVersions(database: string): Promise<number[]> {
  const client = new pg.Client(database);
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

test('migrate on a new database prints the latest schema version and exits 0; again, it changes nothing', async () => {
  const database = await fresh();
  for (let run = 0; run < 2; run++) {
    const { code, stdout, stderr } = await runCliAsync(['migrate', '--database', database]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `postgres database is at schema version ${LATEST}\n`);
  }
  assert.deepEqual(await appliedVersions(database), VERSIONS);
});

test('three migrate runs at once on a new database all exit 0 and each migration is applied once', async () => {
  const database = await fresh();
  const runs = await Promise.all([1, 2, 3].map(() => runCliAsync(['migrate', '--database', database])));
  for (const { code, stdout, stderr } of runs) {
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `postgres database is at schema version ${LATEST}\n`);
  }
  assert.deepEqual(await appliedVersions(database), VERSIONS);
});
