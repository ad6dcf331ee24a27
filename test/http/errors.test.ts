import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINE } from '../support/databases.ts';
import { expectScimError, oktaUser, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

async function raw(path: string, init: RequestInit = {}) {
  const res = await fetch(t.server.base + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('authentication', () => {
  test('missing, malformed and unknown credentials are SCIM 401s with WWW-Authenticate', async () => {
    for (const headers of [
      {},
      { Authorization: 'non-token' },
      { Authorization: 'Bearer nope' },
      { Authorization: 'Basic Zm9vOmJhcg==' },
    ]) {
      const res = await raw('/Users', { headers });
      expectScimError(res, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
  });

  test("Okta's Header mode: the bare token without a scheme works", async () => {
    const res = await raw('/Users?count=1', { headers: { Authorization: t.server.token } });
    assert.equal(res.status, 200);
  });

  test("a token presented on another tenant's URL is 401, the same as an unknown tenant", async () => {
    const other = await t.server.tenant('second');
    const onOther = await raw('/Users'.replace('', ''), {
      headers: { Authorization: `Bearer ${other.token}` },
    });
    expectScimError(onOther, 401);
    const unknown = await fetch(`${t.server.origin}/tenants/nobody/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${t.server.token}` },
    });
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as { detail: string }).detail, onOther.body.detail);
  });

  test('a revoked token stops working at once', async () => {
    const third = await t.server.tenant('third');
    const client = scimClient(third.base, third.token);
    assert.equal((await client.get('/Users')).status, 200);
    const revoked = await t.server.store
      .forTenant('third' as never)
      .tokens.revoke('test', new Date().toISOString());
    assert.equal(revoked.length, 1);
    expectScimError(await client.get('/Users'), 401);
  });
});

describe('tenant isolation', () => {
  test("one tenant's users are invisible to another over every method and filter", async () => {
    const secret = (await t.scim.post('/Users', oktaUser('secret@acme.example'))).body;
    const other = await t.server.tenant('rival');
    const rival = scimClient(other.base, other.token);
    expectScimError(await rival.get(`/Users/${secret.id}`), 404);
    expectScimError(await rival.put(`/Users/${secret.id}`, oktaUser('x@rival.example')), 404);
    expectScimError(
      await rival.patch(`/Users/${secret.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
      404,
    );
    expectScimError(await rival.delete(`/Users/${secret.id}`), 404);
    for (const filter of [`id eq "${secret.id}"`, 'userName eq "secret@acme.example"', 'userName pr']) {
      const list = await rival.get(`/Users?filter=${encodeURIComponent(filter)}`);
      assert.equal(list.body.totalResults, 0, filter);
    }
    const search = await rival.post('/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    });
    assert.equal(search.body.totalResults, 0);
    assert.equal((await t.scim.get(`/Users/${secret.id}`)).body.active, true);
  });
});

describe('every error is a SCIM error', () => {
  test('unknown routes are 404, unsupported methods 405', async () => {
    expectScimError(await t.scim.get('/Nonsense'), 404);
    expectScimError(await raw('/nowhere/at/all'.replace('/nowhere', '/../../../nowhere')), 404);
    const res = await t.scim.request('DELETE', '/Users');
    expectScimError(res, 405);
    assert.equal(res.headers.get('allow'), 'GET, POST');
    expectScimError(await t.scim.request('PATCH', '/ServiceProviderConfig', {}), 405);
  });

  test('/Me is 501 for every method, after authentication (no credential here is a SCIM user)', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'POST'])
      expectScimError(
        await t.scim.request(method, '/Me', method === 'GET' || method === 'DELETE' ? undefined : {}),
        501,
      );
    expectScimError(await t.scim.get('/Me/anything'), 501);
    expectScimError(await scimClient(t.server.base, 'scim_not_a_token').get('/Me'), 401);
  });

  test('malformed JSON is 400 invalidSyntax', async () => {
    expectScimError(await t.scim.post('/Users', '{"userName": '), 400, 'invalidSyntax');
  });

  test('a malformed body is not echoed back: a secret in it stays out of the error', async () => {
    const res = await t.scim.post('/Users', '{"userName":"x","password":hunter2-secret}');
    expectScimError(res, 400, 'invalidSyntax');
    assert.doesNotMatch(res.text, /hunter2/);
    assert.match(res.body.detail, /not valid JSON/);
  });

  test('a body nested 10,000 deep is 400 and the server stays up', async () => {
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
    expectScimError(
      await t.scim.post('/Users', `{"userName":"deep@example.com","x":${deep}}`),
      400,
      'invalidSyntax',
    );
    assert.equal((await t.scim.get('/Users?count=1')).status, 200);
  });

  test('an oversize body is 413', async () => {
    const big = JSON.stringify({ ...oktaUser('big@example.com'), title: 'x'.repeat(2 * 1024 * 1024) });
    expectScimError(await t.scim.post('/Users', big), 413);
  });

  test('an unsupported content type is 415; both SCIM and plain JSON are accepted', async () => {
    const res = await raw('/Users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.server.token}`, 'Content-Type': 'text/plain' },
      body: 'userName=x',
    });
    expectScimError(res, 415);
    const json = await raw('/Users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(oktaUser('plainjson@example.com')),
    });
    assert.equal(json.status, 201);
  });

  test('a GET with a SCIM content type and no body works (Okta spec test)', async () => {
    const res = await raw('/Users?count=1', {
      headers: { Authorization: `Bearer ${t.server.token}`, 'Content-Type': 'application/scim+json' },
    });
    assert.equal(res.status, 200);
  });

  test('?aadOptscim062020 is accepted on every route', async () => {
    const user = (await t.scim.post('/Users?aadOptscim062020', oktaUser('flag@example.com'))).body;
    assert.ok(user.id);
    assert.equal((await t.scim.get(`/Users/${user.id}?aadOptscim062020`)).status, 200);
    assert.equal((await t.scim.get('/ServiceProviderConfig?aadOptscim062020')).status, 200);
    assert.equal((await t.scim.get('/Groups?aadOptscim062020&filter=displayName eq "x"')).status, 200);
  });

  test('no User-Agent is needed (Entra test connection)', async () => {
    const res = await raw('/Users?filter=userName eq "x"', {
      headers: { Authorization: `Bearer ${t.server.token}`, 'User-Agent': '' },
    });
    assert.equal(res.status, 200);
  });
});

describe('health', () => {
  test('/healthz and /readyz report, with the durability settings in force', async () => {
    assert.equal((await fetch(`${t.server.origin}/healthz`)).status, 200);
    const ready = (await (await fetch(`${t.server.origin}/readyz`)).json()) as Record<
      string,
      number | string
    >;
    assert.equal(ready.status, 'ready');
    assert.equal(ready.database, ENGINE);
    if (ENGINE === 'sqlite') {
      assert.equal(ready.journal_mode, 'wal');
      assert.equal(ready.synchronous, 'full');
      assert.equal(ready.foreign_keys, 'on');
      // SQLite never sleeps on a lock while serving; a write waits for it on timers (test/sqlite).
      assert.equal(ready.busy_timeout, 0);
      assert.ok(Number(ready.writeLockWaitMs) > 0);
      assert.equal(ready.writeLock, undefined);
    } else {
      assert.equal(ready.synchronous_commit, 'on');
      assert.equal(ready.isolation, 'read committed');
    }
  });
});
