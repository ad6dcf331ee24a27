import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { migrations } from '../../src/store/postgres/migrations/index.ts';
import type { ServeProcess } from '../support/cli.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';
import {
  assertStatuses,
  errorLogLines,
  killStrayServers,
  startServers,
  stopServers,
  tokenIn,
} from '../support/pg-processes.ts';
import {
  ENTERPRISE,
  expectScimError,
  GROUP,
  patchBody,
  type ScimClient,
  scimClient,
  USER,
} from '../support/scim-client.ts';

// Issue 4: correctness under concurrency, with three `serve` processes on one PostgreSQL database.
// Every burst is spread round-robin over the three, so the races are between processes, not just
// between connections of one pool; every status is checked against the set it may be (never a 500).

let db: TestDatabase;
let servers: ServeProcess[] = [];
let clients: ScimClient[] = [];
/** The client of process `i mod 3`. */
const via = (i: number) => clients[i % clients.length] as ScimClient;

before(async () => {
  db = await freshPostgresDatabase();
  // At the same moment, on a database no process has migrated yet.
  servers = await startServers(db.database, 3);
  const token = servers.map((s) => tokenIn(s.output())).find(Boolean);
  assert.ok(token, `no process printed a token:\n${servers.map((s) => s.output()).join('\n')}`);
  clients = servers.map((s) => scimClient(`${s.origin}/tenants/default/scim/v2`, token));
});

after(async () => {
  await stopServers(servers);
  killStrayServers();
  await db?.drop();
});

function versionOf(res: { body: { meta?: { version?: string } } }): number {
  const version = res.body.meta?.version ?? '';
  const match = /^W\/"(\d+)"$/.exec(version);
  assert.ok(match, `meta.version ${version} is a weak ETag W/"n"`);
  return Number(match[1]);
}

async function createUser(scim: ScimClient, userName: string, extra: Record<string, unknown> = {}) {
  const res = await scim.post('/Users', { schemas: [USER], userName, ...extra });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; meta: { version: string } };
}

describe('three serve processes started together on one new database', () => {
  test('migrate once, create tenant default, and every token they print works on every process', async () => {
    const client = new pg.Client(db.database);
    await client.connect();
    try {
      const versions = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        versions.rows.map((r) => r.version),
        migrations.map((m) => m.version),
      );
      const tenants = await client.query('SELECT id FROM tenants');
      assert.deepEqual(
        tenants.rows.map((r) => r.id),
        ['default'],
      );
      const printed = servers.map((s) => tokenIn(s.output())).filter((t): t is string => t !== undefined);
      assert.ok(printed.length >= 1);
      // A process that printed no token printed the base URLs and how to mint one instead.
      for (const s of servers) if (!tokenIn(s.output())) assert.match(s.output(), /scimitar token create/);
      // Only a printed token may exist: a token nobody saw would be a credential nobody can revoke knowingly.
      const stored = await client.query(
        "SELECT count(*)::int AS n FROM credentials WHERE tenant_id = 'default'",
      );
      assert.equal(stored.rows[0].n, printed.length, 'one stored token per printed token');
      for (const token of printed) {
        for (const s of servers) {
          const res = await scimClient(`${s.origin}/tenants/default/scim/v2`, token).get('/Users?count=1');
          assert.equal(res.status, 200, res.text);
        }
      }
    } finally {
      await client.end();
    }
  });
});

describe('races between processes', () => {
  test('50 creates of one userName in mixed case: one 201, 49 × 409 uniqueness, one user', async () => {
    const spellings = [
      'Race.User@x.com',
      'race.user@X.COM',
      'RACE.USER@X.COM',
      'race.User@x.Com',
      'rAcE.uSeR@x.cOm',
    ];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        via(i).post('/Users', { schemas: [USER], userName: spellings[i % spellings.length] }),
      ),
    );
    assertStatuses(
      'creates',
      results.map((r) => r.status),
      [201, 409],
    );
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    for (const res of results) if (res.status === 409) expectScimError(res, 409, 'uniqueness');
    for (const filter of ['userName eq "race.user@x.com"', 'userName eq "RACE.USER@X.COM"']) {
      const found = await via(1).get(`/Users?filter=${encodeURIComponent(filter)}`);
      assert.equal(found.status, 200);
      assert.equal(found.body.totalResults, 1, filter);
      assert.equal(found.body.Resources[0].id, results.find((r) => r.status === 201)?.body.id);
    }
  });

  test('100 member adds to one group, one user each: all succeed and the group has 100 members', async () => {
    const users = await Promise.all(
      Array.from({ length: 100 }, (_, i) => createUser(via(i), `member${i}@example.com`)),
    );
    const created = await via(0).post('/Groups', { schemas: [GROUP], displayName: 'Crowd' });
    assert.equal(created.status, 201, created.text);
    const group = created.body as { id: string };
    const results = await Promise.all(
      users.map((user, i) =>
        via(i + 1).patch(
          `/Groups/${group.id}`,
          patchBody({ op: 'add', path: 'members', value: [{ value: user.id }] }),
        ),
      ),
    );
    assertStatuses(
      'member adds',
      results.map((r) => r.status),
      [200, 204],
    );
    const after = await via(2).get(`/Groups/${group.id}`);
    assert.equal(after.status, 200);
    const members = (after.body.members ?? []).map((m: { value: string }) => m.value).sort();
    assert.deepEqual(members, users.map((u) => u.id).sort());
    // Each add changed an edge, so each bumped the group's version once: no add was lost or merged.
    assert.equal(versionOf(after), versionOf(created) + 100);
    for (const i of [0, 57, 99]) {
      const of = await via(i).get(`/Users/${users[i]?.id}`);
      assert.deepEqual(
        of.body.groups?.map((g: { value: string }) => g.value),
        [group.id],
      );
    }
  });

  test('20 PATCHes of 20 different attributes of one user: all kept, version up by exactly 20', async () => {
    const attributes: [path: string, value: string][] = [
      ['title', 'Engineer'],
      ['nickName', 'Ada'],
      ['displayName', 'Ada Lovelace'],
      ['profileUrl', 'https://example.com/ada'],
      ['locale', 'en-GB'],
      ['timezone', 'Europe/London'],
      ['preferredLanguage', 'en-GB'],
      ['userType', 'Employee'],
      ['externalId', 'ext-ada'],
      ['name.givenName', 'Augusta'],
      ['name.familyName', 'King'],
      ['name.middleName', 'Ada'],
      ['name.honorificPrefix', 'Countess'],
      ['name.honorificSuffix', 'FRS'],
      ['name.formatted', 'Augusta Ada King'],
      [`${ENTERPRISE}:department`, 'Analytical Engines'],
      [`${ENTERPRISE}:division`, 'Mathematics'],
      [`${ENTERPRISE}:organization`, 'Babbage & Co'],
      [`${ENTERPRISE}:costCenter`, 'CC-1843'],
      [`${ENTERPRISE}:employeeNumber`, '1815'],
    ];
    const user = await createUser(via(0), 'patched@example.com', { schemas: [USER, ENTERPRISE] });
    const results = await Promise.all(
      attributes.map(([path, value], i) =>
        via(i).patch(`/Users/${user.id}`, patchBody({ op: 'replace', path, value })),
      ),
    );
    for (const res of results) assert.equal(res.status, 200, res.text);
    const after = await via(1).get(`/Users/${user.id}`);
    assert.equal(after.status, 200);
    for (const [path, value] of attributes) {
      const urn = path.startsWith(ENTERPRISE) ? ENTERPRISE : undefined;
      const keys = urn ? [urn, path.slice(urn.length + 1)] : path.split('.');
      const actual = keys.reduce<unknown>((doc, key) => (doc as Record<string, unknown>)?.[key], after.body);
      assert.equal(actual, value, `${path} kept its PATCHed value`);
    }
    assert.equal(versionOf(after), versionOf({ body: user }) + 20);
    // The ETag header and meta.version agree.
    assert.equal(after.headers.get('etag'), after.body.meta.version);
  });

  test('writes racing with one If-Match ETag: exactly one wins, the rest get 412, in every round', async () => {
    const user = await createUser(via(0), 'etag.race@example.com', { displayName: 'start' });
    for (let round = 0; round < 5; round++) {
      const current = await via(round).get(`/Users/${user.id}`);
      const etag = current.body.meta.version as string;
      const names = Array.from({ length: 6 }, (_, k) => `round${round}-writer${k}`);
      const results = await Promise.all(
        names.map((displayName, k) =>
          k % 2 === 0
            ? via(k).put(`/Users/${user.id}`, { ...current.body, displayName }, { 'If-Match': etag })
            : via(k).patch(
                `/Users/${user.id}`,
                patchBody({ op: 'replace', path: 'displayName', value: displayName }),
                { 'If-Match': etag },
              ),
        ),
      );
      assertStatuses(
        `round ${round}`,
        results.map((r) => r.status),
        [200, 412],
      );
      const winners = results.flatMap((r, k) => (r.status === 200 ? [names[k]] : []));
      assert.equal(winners.length, 1, `round ${round}: one write wins`);
      for (const res of results) if (res.status === 412) expectScimError(res, 412);
      const after = await via(round + 1).get(`/Users/${user.id}`);
      assert.equal(after.body.displayName, winners[0], 'the winner is what is stored');
      assert.equal(versionOf(after), versionOf(current) + 1, 'and only the winner wrote');
    }
  });

  test('no process logged an unhandled error (what a 500 would be)', () => {
    for (const s of servers) assert.deepEqual(errorLogLines(s.output()), []);
  });
});

test('SIGTERM stops each of the three with exit code 0', async () => {
  assert.deepEqual(await stopServers(servers), [0, 0, 0]);
});
