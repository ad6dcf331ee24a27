// Okta's request sequences (idp-behaviour.md §1.6 and §7), replayed on a real port with our own data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectScimError, GROUP, oktaUser, patchBody, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer(async ({ scim }) => {
  // The spec test needs one user to exist already.
  assert.equal((await scim.post('/Users', oktaUser('existing@atko.example'))).status, 201);
});

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('Okta SCIM 2.0 Spec Test', () => {
  const given = 'Runscope123';
  const family = 'Qwertyuio456';
  const email = `${given}${family}@atko.example`;
  let created = '';
  const specHeaders = {
    'Content-Type': 'application/scim+json; charset=utf-8',
    'User-Agent': 'OKTA SCIM Integration',
  };

  test('1-2: list one user, then read it by id, with names, userName, active and an email', async () => {
    const list = await t.scim.get('/Users?count=1&startIndex=1', specHeaders);
    assert.equal(list.status, 200);
    assert.ok(list.body.schemas.includes(LIST));
    for (const key of ['itemsPerPage', 'startIndex', 'totalResults'])
      assert.equal(typeof list.body[key], 'number');
    const first = list.body.Resources[0];
    for (const value of [
      first.id,
      first.name.familyName,
      first.name.givenName,
      first.userName,
      first.emails[0].value,
    ])
      assert.ok(value);
    assert.equal(typeof first.active, 'boolean');
    const one = await t.scim.get(`/Users/${first.id}`, specHeaders);
    assert.equal(one.status, 200);
    assert.equal(one.body.id, first.id);
  });

  test('3-5: unknown userName is an empty list, an unknown id a 404', async () => {
    assert.equal(
      (await t.scim.get('/Users?filter=userName eq "abcdefgh@atko.example"', specHeaders)).body.totalResults,
      0,
    );
    expectScimError(await t.scim.get('/Users/010101001010101011001010101011', specHeaders), 404);
    assert.equal(
      (await t.scim.get(`/Users?filter=userName eq "${email}"`, specHeaders)).body.totalResults,
      0,
    );
  });

  test('6-8: create with application/json, read back, recreate is 409', async () => {
    const body = {
      schemas: [USER],
      userName: email,
      name: { givenName: given, familyName: family },
      emails: [{ primary: true, value: email, type: 'work' }],
      displayName: `${given} ${family}`,
      active: true,
    };
    const res = await t.scim.post('/Users', body, { 'Content-Type': 'application/json' });
    assert.equal(res.status, 201);
    assert.equal(res.body.active, true);
    assert.equal(res.body.userName, email);
    assert.ok(res.body.schemas.includes(USER));
    created = res.body.id;
    const read = await t.scim.get(`/Users/${created}`);
    assert.deepEqual(
      [read.body.userName, read.body.name.familyName, read.body.name.givenName],
      [email, family, given],
    );
    assert.equal((await t.scim.post('/Users', body, { 'Content-Type': 'application/json' })).status, 409);
  });

  test('9: the userName in capitals finds the same user', async () => {
    const res = await t.scim.get(`/Users?filter=userName eq "${email.toUpperCase()}"`, specHeaders);
    assert.equal(res.body.totalResults, 1);
    assert.equal(res.body.Resources[0].id, created);
  });

  test('10-12: Groups answers; a non-token is a JSON 401; an odd id a JSON 404', async () => {
    const groups = await t.scim.get('/Groups', specHeaders);
    assert.equal(groups.status, 200);
    assert.ok(Array.isArray(groups.body.Resources));
    const res = await fetch(`${t.server.base}/Users?filter=userName eq "x"`, {
      headers: { Authorization: 'non-token' },
    });
    const body = (await res.json()) as { status: string; detail: string };
    assert.equal(res.status, 401);
    assert.equal(body.status, '401');
    assert.ok(body.detail);
    expectScimError(await t.scim.get('/Users/00919288221112222'), 404);
  });
});

describe('Okta OIN lifecycle (PATCH)', () => {
  test('assign, profile PUT, deactivate, re-assign with the same id, push a group', async () => {
    assert.equal((await t.scim.get('/Users?startIndex=1&count=2')).status, 200);
    const lookup = await t.scim.get(
      '/Users?filter=userName%20eq%20%22grace%40example.com%22&startIndex=1&count=100',
    );
    assert.equal(lookup.body.totalResults, 0);
    const user = (await t.scim.post('/Users', oktaUser('grace@example.com'))).body;

    const current = (await t.scim.get(`/Users/${user.id}`)).body;
    const put = await t.scim.put(`/Users/${user.id}`, {
      ...current,
      title: 'Rear Admiral',
      password: 'Sync3d!',
    });
    assert.equal(put.body.title, 'Rear Admiral');

    const off = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', value: { active: false } }),
    );
    assert.equal(off.body.active, false);
    const again = await t.scim.get('/Users?filter=userName eq "grace@example.com"&startIndex=1&count=100');
    assert.equal(again.body.Resources[0].id, user.id, 'the inactive user is found, not re-created');
    const on = await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', value: { active: true } }));
    assert.equal(on.body.active, true);

    assert.equal(
      (await t.scim.get('/Groups?filter=displayName eq "Navy"&startIndex=1&count=100')).body.totalResults,
      0,
    );
    const group = (await t.scim.post('/Groups', { schemas: [GROUP], displayName: 'Navy', members: [] })).body;
    const push = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody(
        { op: 'replace', value: { id: group.id, displayName: 'Navy' } },
        { op: 'add', path: 'members', value: [{ value: user.id, display: 'grace@example.com' }] },
      ),
    );
    assert.ok([200, 204].includes(push.status));
    const leave = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody(
        { op: 'remove', path: `members[value eq "${user.id}"]` },
        { op: 'replace', value: { id: group.id, displayName: 'Navy' } },
      ),
    );
    assert.ok([200, 204].includes(leave.status));
    assert.equal((await t.scim.get(`/Groups/${group.id}`)).body.members, undefined);
    const pushNow = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'replace', path: 'members', value: [{ value: user.id }] }),
    );
    assert.ok([200, 204].includes(pushNow.status));
    assert.equal((await t.scim.get(`/Users/${user.id}`)).body.groups[0].value, group.id);
    assert.equal((await t.scim.delete(`/Groups/${group.id}`)).status, 204);
  });
});

describe('Okta AIW lifecycle (GET + PUT)', () => {
  test('every change is a PUT of the object the server returned', async () => {
    const user = (await t.scim.post('/Users', oktaUser('hopper@example.com'))).body;
    for (const change of [{ title: 'Engineer' }, { active: false }, { active: true }]) {
      const current = (await t.scim.get(`/Users/${user.id}`)).body;
      const res = await t.scim.put(`/Users/${user.id}`, { ...current, ...change });
      assert.equal(res.status, 200);
      for (const [key, value] of Object.entries(change)) assert.equal(res.body[key], value);
      assert.equal(res.body.id, user.id);
    }
    const group = (await t.scim.post('/Groups', { schemas: [GROUP], displayName: 'AIW Crew', members: [] }))
      .body;
    const read = (await t.scim.get(`/Groups/${group.id}`)).body;
    const put = await t.scim.put(`/Groups/${group.id}`, {
      ...read,
      members: [{ value: user.id, display: 'hopper@example.com' }],
    });
    assert.equal(put.body.members[0].value, user.id);
    const renamed = await t.scim.put(`/Groups/${group.id}`, { ...put.body, displayName: 'AIW Crew 2' });
    assert.equal(renamed.body.displayName, 'AIW Crew 2');
    assert.equal(renamed.body.members.length, 1);
    assert.equal((await t.scim.delete(`/Groups/${group.id}`)).status, 204);
  });

  test('import pages through every user by 100', async () => {
    const total = (await t.scim.get('/Users?count=0')).body.totalResults;
    const ids = new Set<string>();
    for (let start = 1; start <= total; start += 100) {
      for (const u of (await t.scim.get(`/Users?startIndex=${start}&count=100`)).body.Resources)
        ids.add(u.id);
    }
    assert.equal(ids.size, total);
  });
});
