import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { type ServeProcess, spawnServe } from '../support/cli.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';
import { killStrayServers, runCliAsync, stopServers, tokenIn, waitFor } from '../support/pg-processes.ts';
import { scimClient } from '../support/scim-client.ts';

// The first-start bootstrap (create tenant `default` and its first token, and the operator account)
// raced by three `serve` processes. Started together, migrations under the advisory lock usually
// stagger them enough that one alone bootstraps; here the race is forced: a lock on `tenants` holds
// all three just before they look for a tenant, then lets them go at the same instant.

let db: TestDatabase | undefined;
let servers: ServeProcess[] = [];
let client: pg.Client | undefined;

after(async () => {
  await client?.end();
  await stopServers(servers);
  killStrayServers();
  await db?.drop();
});

test('three processes bootstrapping at the same instant: one tenant, one token and one operator password, printed once', async (t) => {
  db = await freshPostgresDatabase();
  const migrated = await runCliAsync(['migrate', '--database', db.database]);
  assert.equal(migrated.code, 0, migrated.stderr);

  client = new pg.Client(db.database);
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE');
  const starting = [1, 2, 3].map(() => spawnServe(db?.database ?? ''));
  const held = client;
  await waitFor(
    'three processes waiting to read tenants',
    async () => {
      const { rows } = await held.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'tenants'::regclass AND NOT granted",
      );
      return rows[0].n === 3 || undefined;
    },
    8_000,
    20,
  );
  await client.query('COMMIT');
  const started = await Promise.allSettled(starting);
  servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  assert.equal(servers.length, 3, String(started.find((s) => s.status === 'rejected')?.reason));

  const { rows: tenants } = await client.query('SELECT id FROM tenants');
  assert.deepEqual(
    tenants.map((r) => r.id),
    ['default'],
  );
  const printed = servers
    .map((s) => tokenIn(s.output()))
    .filter((token): token is string => token !== undefined);
  const claimed = servers.filter((s) => s.output().includes("Created tenant 'default'")).length;
  t.diagnostic(
    `${claimed} of 3 processes said they created tenant default; ${printed.length} printed a token`,
  );
  assert.equal(claimed, 1, 'one process says it created the tenant');
  assert.equal(printed.length, 1, 'and only it prints a token');
  for (const s of servers) if (!tokenIn(s.output())) assert.match(s.output(), /scimitar token create/);
  const { rows: stored } = await client.query(
    "SELECT count(*)::int AS n FROM credentials WHERE tenant_id = 'default'",
  );
  assert.equal(stored[0].n, 1, 'no token was stored that nobody printed');
  const operatorSaid = servers.filter((s) => s.output().includes('Created the operator account')).length;
  const { rows: operators } = await client.query('SELECT count(*)::int AS n FROM operators');
  assert.equal(operators[0].n, 1, 'one operator account');
  assert.equal(operatorSaid, 1, 'announced (with its password) by one process');
  for (const token of printed) {
    for (const s of servers) {
      const res = await scimClient(`${s.origin}/tenants/default/scim/v2`, token).get('/Users?count=1');
      assert.equal(res.status, 200, `the printed token works on every process: ${res.text}`);
    }
  }
  assert.deepEqual(await stopServers(servers), [0, 0, 0]);
});
