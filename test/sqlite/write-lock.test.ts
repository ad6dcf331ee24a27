import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { freshSqliteDatabase } from '../support/databases.ts';
import { expectScimError, oktaUser, type ScimClient, scimClient } from '../support/scim-client.ts';
import { startServer, type TestServer } from '../support/server.ts';

// Another program on the same SQLite file: a backup tool, an `sqlite3` shell, a second process. SQLite
// specific, so this runs once, outside the suites shared by both engines.

let server: TestServer;
let acme: ScimClient;
let beta: ScimClient;
let betaUserId: string;
/** A connection of "another program" to the server's database file. */
let other: Database.Database;

before(async () => {
  server = await startServer({}, freshSqliteDatabase());
  acme = scimClient(server.base, server.token);
  const second = await server.tenant('beta');
  beta = scimClient(second.base, second.token);
  assert.equal((await acme.post('/Users', oktaUser('before@acme.example'))).status, 201);
  betaUserId = (await beta.post('/Users', oktaUser('before@beta.example'))).body.id;
  other = new Database(server.database);
});
after(async () => {
  other.close();
  await server.close();
});

const readyz = async () => {
  const res = await fetch(`${server.origin}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** A promise with a flag that says whether it has settled yet. */
function tracked<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  const settle = () => {
    state.settled = true;
  };
  void promise.then(settle, settle);
  return state;
}

/** Returns once the server reports the lock taken, which a write finds only by waiting for it. */
async function untilWaiting(write: { readonly settled: boolean }): Promise<void> {
  while (!(await readyz()).body.writeLock) {
    assert.equal(write.settled, false, 'the write answered without waiting for the lock');
    await sleep(5);
  }
}

test('while another program holds the write lock, reads flow and a write gets 503 with nothing written', async () => {
  other.exec('BEGIN IMMEDIATE');
  try {
    const refused = tracked(acme.post('/Users', oktaUser('refused@acme.example')));
    await untilWaiting(refused);

    // The event loop is free: both tenants' reads and readiness answer while the write still waits.
    const [list, one, ready] = await Promise.all([
      acme.get('/Users?filter=userName eq "before@acme.example"'),
      beta.get(`/Users/${betaUserId}`),
      readyz(),
    ]);
    assert.equal(refused.settled, false, 'reads waited for the write');
    assert.equal(list.status, 200);
    assert.equal(list.body.totalResults, 1);
    assert.equal(one.status, 200);
    assert.equal(one.body.userName, 'before@beta.example');
    assert.equal(ready.status, 200);
    assert.match(String(ready.body.writeLock), /^held by another program since /);
    assert.equal(ready.body.busy_timeout, 0);

    const res = await refused.promise;
    expectScimError(res, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.match(res.body.detail, /locked by another program/);
  } finally {
    other.exec('ROLLBACK');
  }

  const absent = await acme.get('/Users?filter=userName eq "refused@acme.example"');
  assert.equal(absent.body.totalResults, 0, 'the refused write left a user behind');
  assert.equal((await acme.post('/Users', oktaUser('refused@acme.example'))).status, 201);
  assert.equal((await readyz()).body.writeLock, undefined);
  assert.equal(other.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(other.pragma('foreign_key_check'), []);
});

test('a write waits for a lock that is released within the wait, and succeeds', async () => {
  other.exec('BEGIN IMMEDIATE');
  const write = tracked(acme.post('/Users', oktaUser('waited@acme.example')));
  try {
    await untilWaiting(write);
  } finally {
    other.exec('COMMIT');
  }
  assert.equal((await write.promise).status, 201);
});

test('a long reader (an sqlite3 shell mid-SELECT, a backup) does not hold writes up', async () => {
  other.exec('BEGIN');
  try {
    const seen = () => other.prepare('SELECT count(*) FROM users').pluck().get();
    const before = seen();
    assert.equal((await acme.post('/Users', oktaUser('during-read@acme.example'))).status, 201);
    const patched = await beta.patch(`/Users/${betaUserId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    assert.equal(patched.status, 200);
    assert.equal(seen(), before, 'the reader keeps its snapshot');
  } finally {
    other.exec('COMMIT');
  }
  assert.equal(other.pragma('integrity_check', { simple: true }), 'ok');
});
