import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectScimError, GROUP, oktaUser, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

// RFC 7643 §3.1 meta sub-attributes in filters and sortBy: each answers right, or is a 400.

const ids: string[] = [];
let groupId = '';
const t = useServer(async ({ scim }) => {
  for (let i = 0; i < 3; i++) {
    const res = await scim.post('/Users', oktaUser(`meta${i}@example.com`));
    assert.equal(res.status, 201);
    ids.push(res.body.id);
  }
  // The second user gets versions 2 and 3, so versions, and lastModified, tell the users apart.
  for (const active of [false, true]) {
    const res = await scim.patch(
      `/Users/${ids[1]}`,
      patchBody({ op: 'replace', path: 'active', value: active }),
    );
    assert.equal(res.status, 200);
  }
  const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Meta group' });
  assert.equal(group.status, 201);
  groupId = group.body.id;
});

const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;
const idsOf = (body: { Resources: { id: string }[] }) => body.Resources.map((r) => r.id).sort();

describe('filters on meta', () => {
  test('meta.resourceType matches every resource of the endpoint it names, and none of the other', async () => {
    const users = await t.scim.get(`/Users?${q('meta.resourceType eq "User"')}`);
    assert.equal(users.status, 200);
    assert.deepEqual(idsOf(users.body), [...ids].sort());
    assert.equal((await t.scim.get(`/Users?${q('meta.resourceType eq "Group"')}`)).body.totalResults, 0);
    assert.equal((await t.scim.get(`/Users?${q('meta.resourceType eq "user"')}`)).body.totalResults, 0);
    assert.equal((await t.scim.get(`/Users?${q('meta.resourceType pr')}`)).body.totalResults, 3);
    assert.equal((await t.scim.get(`/Users?${q('meta pr')}`)).body.totalResults, 3);
    const groups = await t.scim.get(`/Groups?${q('meta.resourceType sw "Gr"')}`);
    assert.deepEqual(idsOf(groups.body), [groupId]);
  });

  test('root /.search picks the resource type meta.resourceType names', async () => {
    const search = (filter: string) =>
      t.scim.post('/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter });
    const groups = await search('meta.resourceType eq "Group"');
    assert.equal(groups.status, 200);
    assert.deepEqual(idsOf(groups.body), [groupId]);
    const users = await search('meta.resourceType eq "User"');
    assert.deepEqual(idsOf(users.body), [...ids].sort());
    assert.equal((await search('meta.resourceType ne "Group"')).body.totalResults, 3);
  });

  test('meta.version compares the weak ETag the resource carries', async () => {
    const user = await t.scim.get(`/Users/${ids[1]}`);
    assert.equal(user.body.meta.version, 'W/"3"');
    const exact = await t.scim.get(`/Users?${q('meta.version eq "W/\\"3\\""')}`);
    assert.equal(exact.status, 200);
    assert.deepEqual(idsOf(exact.body), [ids[1]]);
    const first = await t.scim.get(`/Users?${q('meta.version eq "W/\\"1\\""')}`);
    assert.deepEqual(idsOf(first.body), [ids[0], ids[2]].sort());
    assert.equal((await t.scim.get(`/Users?${q('meta.version ne "W/\\"1\\""')}`)).body.totalResults, 1);
    assert.equal((await t.scim.get(`/Users?${q('meta.version sw "W/"')}`)).body.totalResults, 3);
    assert.equal((await t.scim.get(`/Users?${q('meta.version eq "w/\\"3\\""')}`)).body.totalResults, 0);
    assert.equal((await t.scim.get(`/Users?${q('meta.version gt "W/\\"2\\""')}`)).body.totalResults, 1);
    const group = await t.scim.get(`/Groups?${q('meta.version eq "W/\\"1\\""')}`);
    assert.deepEqual(idsOf(group.body), [groupId]);
  });

  test('meta.created and meta.lastModified compare as instants', async () => {
    const second = (await t.scim.get(`/Users/${ids[1]}`)).body.meta;
    const created = await t.scim.get(`/Users?${q(`meta.created eq "${second.created}"`)}`);
    assert.equal(created.status, 200);
    assert.ok(idsOf(created.body).includes(ids[1] as string));
    const modified = await t.scim.get(`/Users?${q(`meta.lastModified ge "${second.lastModified}"`)}`);
    assert.deepEqual(idsOf(modified.body), [ids[1]]);
    const all = await t.scim.get(
      `/Users?${q('meta.created gt "2000-01-01T00:00:00Z" and meta.lastModified pr')}`,
    );
    assert.equal(all.body.totalResults, 3);
    const none = await t.scim.get(`/Groups?${q('meta.lastModified lt "2000-01-01T00:00:00+01:00"')}`);
    assert.equal(none.body.totalResults, 0);
  });

  test('meta.location is a 400 invalidFilter, since the URL depends on how the server is reached', async () => {
    const user = await t.scim.get(`/Users/${ids[0]}`);
    for (const filter of [`meta.location eq "${user.body.meta.location}"`, 'meta.location pr']) {
      expectScimError(await t.scim.get(`/Users?${q(filter)}`), 400, 'invalidFilter');
      expectScimError(await t.scim.get(`/Groups?${q(filter)}`), 400, 'invalidFilter');
    }
  });

  test('sortBy orders by each meta attribute', async () => {
    const sorted = async (sortBy: string, order = 'ascending') => {
      const res = await t.scim.get(`/Users?sortBy=${sortBy}&sortOrder=${order}`);
      assert.equal(res.status, 200, res.text);
      return res.body.Resources as { id: string; meta: Record<string, string> }[];
    };
    const byVersion = await sorted('meta.version', 'descending');
    assert.equal(byVersion[0]?.id, ids[1]);
    const byModified = await sorted('meta.lastModified', 'descending');
    assert.equal(byModified[0]?.id, ids[1]);
    assert.deepEqual(
      (await sorted('meta.created')).map((u) => u.id),
      ids,
    );
    const byLocation = (await sorted('meta.location')).map((u) => u.meta.location);
    assert.deepEqual(byLocation, [...byLocation].sort());
    assert.deepEqual(
      (await sorted('meta.resourceType')).map((u) => u.id),
      ids,
    );
  });
});
