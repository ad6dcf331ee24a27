// Inputs found in review that once produced a 500, a wider answer or a silent change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectScimError, GROUP, oktaUser, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

test('members can only reach group_members: a URN-qualified key works, members.value is refused', async () => {
  const user = (await t.scim.post('/Users', oktaUser('edge-member@example.com'))).body;
  const group = (await t.scim.post('/Groups', { schemas: [GROUP], displayName: 'Edge' })).body;
  const qualified = await t.scim.patch(
    `/Groups/${group.id}`,
    patchBody({ op: 'add', value: { [`${GROUP}:members`]: [{ value: user.id }] } }),
  );
  assert.equal(qualified.status, 204, qualified.text);
  const sub = await t.scim.patch(
    `/Groups/${group.id}`,
    patchBody({ op: 'add', value: { 'members.value': 'bogus' } }),
  );
  expectScimError(sub, 400, 'invalidPath');
  const bogus = await t.scim.patch(
    `/Groups/${group.id}`,
    patchBody({ op: 'add', value: { MEMBERS: [{ value: 'bogus' }] } }),
  );
  expectScimError(bogus, 400, 'invalidValue');
  const read = (await t.scim.get(`/Groups/${group.id}`)).body;
  assert.deepEqual(
    read.members.map((m: { value: string }) => m.value),
    [user.id],
  );
});

test('paging numbers beyond safe integers are 400, not 500', async () => {
  expectScimError(await t.scim.get('/Users?startIndex=99999999999999999999'), 400, 'invalidValue');
  const search = await t.scim.post('/.search', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    startIndex: 1e20,
  });
  expectScimError(search, 400, 'invalidValue');
});

test('attributes may repeat in a query string; a non-string in a SearchRequest is 400', async () => {
  await t.scim.post('/Users', oktaUser('edge-attrs@example.com'));
  const res = await t.scim.get('/Users?attributes=userName&attributes=title&count=1');
  assert.equal(res.status, 200);
  assert.deepEqual(Object.keys(res.body.Resources[0]).sort(), ['id', 'schemas', 'userName']);
  const bad = await t.scim.post('/Users/.search', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    attributes: 5,
  });
  expectScimError(bad, 400, 'invalidValue');
});

test('a root search for user attributes returns the users and skips the groups', async () => {
  await t.scim.post('/Groups', { schemas: [GROUP], displayName: 'Root search group' });
  const res = await t.scim.post('/.search', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    attributes: ['userName'],
  });
  assert.equal(res.status, 200);
  assert.ok(res.body.Resources.length > 0);
  for (const r of res.body.Resources) assert.ok(r.userName, 'only users come back');
});

test('dates past year 9999 compare as time, not as text', async () => {
  await t.scim.post('/Users', oktaUser('edge-date@example.com'));
  const after = await t.scim.get(
    `/Users?filter=${encodeURIComponent('meta.created gt "9999-12-31T23:00:00-05:00"')}`,
  );
  assert.equal(after.body.totalResults, 0);
  const before = await t.scim.get(
    `/Users?filter=${encodeURIComponent('meta.created lt "9999-12-31T23:00:00-05:00"')}`,
  );
  assert.equal(before.body.totalResults, (await t.scim.get('/Users?count=0')).body.totalResults);
  const recent = await t.scim.get(
    `/Users?filter=${encodeURIComponent('meta.lastModified gt "2000-01-01T00:00:00Z"')}`,
  );
  assert.equal(recent.body.totalResults, before.body.totalResults);
});

test('deleting a member gives the group a new version, so a cached copy is not reused', async () => {
  const user = (await t.scim.post('/Users', oktaUser('edge-leaver@example.com'))).body;
  const group = (
    await t.scim.post('/Groups', { schemas: [GROUP], displayName: 'Leavers', members: [{ value: user.id }] })
  ).body;
  const etag = (await t.scim.get(`/Groups/${group.id}`)).headers.get('etag') ?? '';
  assert.equal((await t.scim.get(`/Groups/${group.id}`, { 'If-None-Match': etag })).status, 304);
  assert.equal((await t.scim.delete(`/Users/${user.id}`)).status, 204);
  const fresh = await t.scim.get(`/Groups/${group.id}`, { 'If-None-Match': etag });
  assert.equal(fresh.status, 200);
  assert.equal(fresh.body.members, undefined);
});

test('If-None-Match compares weakly, like If-Match', async () => {
  const user = (await t.scim.post('/Users', oktaUser('edge-etag@example.com'))).body;
  const strong = user.meta.version.replace(/^W\//, '');
  assert.equal((await t.scim.get(`/Users/${user.id}`, { 'If-None-Match': strong })).status, 304);
});

test('a PUT without active leaves a deactivated user deactivated', async () => {
  const user = (await t.scim.post('/Users', oktaUser('edge-put@example.com'))).body;
  await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', value: { active: false } }));
  const { active: _active, ...withoutActive } = (await t.scim.get(`/Users/${user.id}`)).body;
  const res = await t.scim.put(`/Users/${user.id}`, { ...withoutActive, title: 'Still away' });
  assert.equal(res.status, 200);
  assert.equal(res.body.active, false);
  assert.equal(res.body.title, 'Still away');
});

test('NUL characters are a 400 everywhere they can arrive, and nothing is created', async () => {
  const body = await t.scim.post('/Users', oktaUser('nul\u0000@example.com'));
  expectScimError(body, 400, 'invalidValue');
  const key = await t.scim.post('/Users', { ...oktaUser('nul-key@example.com'), 'title\u0000': 'x' });
  expectScimError(key, 400, 'invalidValue');
  const filter = await t.scim.get(
    `/Users?filter=${encodeURIComponent('userName eq "nul\\u0000@example.com"')}`,
  );
  expectScimError(filter, 400, 'invalidFilter');
  expectScimError(await t.scim.get('/Users/abc%00def'), 400, 'invalidValue');
  const tenant = await fetch(`${t.server.origin}/tenants/acme%00/scim/v2/Users`, {
    headers: { Authorization: `Bearer ${t.server.token}` },
  });
  assert.equal(tenant.status, 400);
  const none = await t.scim.get(`/Users?filter=${encodeURIComponent('userName sw "nul"')}`);
  assert.equal(none.body.totalResults, 0);
});
