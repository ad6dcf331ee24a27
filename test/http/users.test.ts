import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENTERPRISE, expectScimError, oktaUser, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

describe('POST /Users', () => {
  test('creates a user from the body Okta sends: 201, Location, ETag, full body, no password', async () => {
    const res = await t.scim.post('/Users', oktaUser('ada@example.com'));
    assert.equal(res.status, 201);
    assert.match(res.headers.get('content-type') ?? '', /^application\/scim\+json/);
    const user = res.body;
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get('location'), `${t.server.base}/Users/${user.id}`);
    assert.equal(res.headers.get('etag'), user.meta.version);
    assert.deepEqual(user.schemas, [USER]);
    assert.equal(user.userName, 'ada@example.com');
    assert.deepEqual(user.name, { givenName: 'Ada', familyName: 'Lovelace' });
    assert.equal(user.active, true);
    assert.equal(user.meta.resourceType, 'User');
    assert.equal(user.meta.location, res.headers.get('location'));
    assert.ok(!('password' in user), 'password is never returned');
    assert.ok(!('groups' in user) || user.groups.length === 0);
    assert.ok(!res.text.includes('x8Kq2mP0'));
  });

  test('a duplicate userName in another case is 409 uniqueness', async () => {
    await t.scim.post('/Users', oktaUser('dup@example.com'));
    const res = await t.scim.post('/Users', oktaUser('DUP@Example.COM'));
    expectScimError(res, 409, 'uniqueness');
    assert.match(res.body.detail, /userName/);
  });

  test('a duplicate externalId is 201 (plain data), and both are found by externalId eq', async () => {
    const first = await t.scim.post('/Users', oktaUser('ext1@example.com', { externalId: 'okta-1' }));
    const second = await t.scim.post('/Users', oktaUser('ext2@example.com', { externalId: 'okta-1' }));
    assert.deepEqual([first.status, second.status], [201, 201]);
    const found = await t.scim.get(`/Users?filter=${encodeURIComponent('externalId eq "okta-1"')}`);
    assert.deepEqual(
      found.body.Resources.map((u: { id: string }) => u.id).sort(),
      [first.body.id, second.body.id].sort(),
    );
  });

  test('ignores readOnly values the client sends (id, meta, groups)', async () => {
    const res = await t.scim.post('/Users', {
      ...oktaUser('readonly@example.com'),
      id: 'chosen-by-client',
      meta: { created: '2001-01-01T00:00:00Z' },
      groups: [{ value: 'g1' }],
    });
    assert.equal(res.status, 201);
    assert.notEqual(res.body.id, 'chosen-by-client');
    assert.notEqual(res.body.meta.created, '2001-01-01T00:00:00Z');
  });

  test('stores the enterprise extension and lists its URN in schemas', async () => {
    const res = await t.scim.post('/Users', {
      ...oktaUser('ent@example.com'),
      schemas: [USER, ENTERPRISE],
      [ENTERPRISE]: { department: 'Research', costCenter: 'C-17', manager: { value: 'boss-id' } },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.schemas, [USER, ENTERPRISE]);
    assert.equal(res.body[ENTERPRISE].department, 'Research');
    assert.deepEqual(res.body[ENTERPRISE].manager, { value: 'boss-id' });
  });

  test('rejects bad input with 400 and creates nothing', async () => {
    const cases: [unknown, string][] = [
      [{ schemas: [USER] }, 'invalidValue'],
      [{ schemas: [USER], userName: 42 }, 'invalidValue'],
      [{ schemas: [USER], userName: 'bad-active@example.com', active: 'maybe' }, 'invalidValue'],
      [{ schemas: [USER], userName: 'unknown@example.com', favouriteColour: 'blue' }, 'invalidSyntax'],
      [{ schemas: [USER], userName: 'emails@example.com', emails: 'not-a-list' }, 'invalidValue'],
    ];
    for (const [body, scimType] of cases) expectScimError(await t.scim.post('/Users', body), 400, scimType);
    const list = await t.scim.get(
      '/Users?filter=userName co "unknown" or userName co "bad-active" or userName co "emails@"',
    );
    assert.equal(list.body.totalResults, 0);
  });
});

describe('GET /Users/{id}', () => {
  test('returns the user with an ETag; If-None-Match with it is 304', async () => {
    const created = (await t.scim.post('/Users', oktaUser('get@example.com'))).body;
    const res = await t.scim.get(`/Users/${created.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, created);
    const etag = res.headers.get('etag') ?? '';
    assert.match(etag, /^W\/"\d+"$/);
    const again = await t.scim.get(`/Users/${created.id}`, { 'If-None-Match': etag });
    assert.equal(again.status, 304);
  });

  test('unknown and malformed ids are 404 (Okta spec test ids)', async () => {
    for (const id of [
      '010101001010101011001010101011',
      '00919288221112222',
      'no such user',
      "x'; drop table users",
    ]) {
      expectScimError(await t.scim.get(`/Users/${encodeURIComponent(id)}`), 404);
    }
  });

  test('attributes and excludedAttributes shape the response; id and schemas always come back', async () => {
    const created = (await t.scim.post('/Users', oktaUser('proj@example.com'))).body;
    const only = await t.scim.get(`/Users/${created.id}?attributes=userName,name.givenName`);
    assert.deepEqual(Object.keys(only.body).sort(), ['id', 'name', 'schemas', 'userName']);
    assert.deepEqual(only.body.name, { givenName: 'Ada' });
    const without = await t.scim.get(`/Users/${created.id}?excludedAttributes=emails,meta`);
    assert.ok(!('emails' in without.body) && !('meta' in without.body));
    assert.equal(without.body.userName, 'proj@example.com');
    expectScimError(await t.scim.get(`/Users/${created.id}?attributes=nonsense`), 400, 'invalidValue');
  });
});

describe('PUT /Users/{id}', () => {
  test('replaces the user from the echoed GET body (Okta AIW) and bumps the version', async () => {
    const created = (await t.scim.post('/Users', oktaUser('put@example.com'))).body;
    const body = {
      ...created,
      name: { givenName: 'Ada', middleName: 'King', familyName: 'Lovelace' },
      title: 'Countess',
    };
    const res = await t.scim.put(`/Users/${created.id}`, body);
    assert.equal(res.status, 200);
    assert.equal(res.body.id, created.id);
    assert.equal(res.body.title, 'Countess');
    assert.equal(res.body.name.middleName, 'King');
    assert.equal(res.body.meta.created, created.meta.created);
    assert.notEqual(res.body.meta.version, created.meta.version);
  });

  test('deactivates and reactivates by PUT with the same id', async () => {
    const created = (await t.scim.post('/Users', oktaUser('aiw@example.com'))).body;
    const off = await t.scim.put(`/Users/${created.id}`, { ...created, active: false });
    assert.equal(off.body.active, false);
    const found = await t.scim.get('/Users?filter=userName eq "aiw@example.com"&startIndex=1&count=100');
    assert.equal(found.body.totalResults, 1, 'an inactive user still matches the filter');
    const on = await t.scim.put(`/Users/${created.id}`, { ...created, active: true });
    assert.equal(on.body.active, true);
    assert.equal(on.body.id, created.id);
  });

  test('If-Match with a stale version is 412 and changes nothing', async () => {
    const created = (await t.scim.post('/Users', oktaUser('etag@example.com'))).body;
    const stale = created.meta.version;
    const first = await t.scim.put(
      `/Users/${created.id}`,
      { ...created, title: 'One' },
      { 'If-Match': stale },
    );
    assert.equal(first.status, 200);
    const second = await t.scim.put(
      `/Users/${created.id}`,
      { ...created, title: 'Two' },
      { 'If-Match': stale },
    );
    expectScimError(second, 412);
    assert.equal((await t.scim.get(`/Users/${created.id}`)).body.title, 'One');
  });

  test('a PUT to an unknown id is 404', async () => {
    expectScimError(await t.scim.put('/Users/nope', oktaUser('nope@example.com')), 404);
  });
});

describe('DELETE /Users/{id}', () => {
  test('deletes: 204, then 404, and the userName is free again', async () => {
    const created = (await t.scim.post('/Users', oktaUser('gone@example.com'))).body;
    const total = async () => (await t.scim.get('/Users?count=0')).body.totalResults;
    const before = await total();
    const res = await t.scim.delete(`/Users/${created.id}`);
    assert.equal(await total(), before - 1);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    expectScimError(await t.scim.get(`/Users/${created.id}`), 404);
    expectScimError(await t.scim.delete(`/Users/${created.id}`), 404);
    assert.equal((await t.scim.post('/Users', oktaUser('gone@example.com'))).status, 201);
  });
});
