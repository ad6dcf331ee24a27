import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectScimError, GROUP, oktaUser, patchBody, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer(async ({ scim }) => {
  for (let i = 0; i < 6; i++)
    users.push((await scim.post('/Users', oktaUser(`member${i}@example.com`))).body);
});
const users: { id: string; userName: string; displayName: string }[] = [];

const ids = (res: { body: { members?: { value: string }[] } }) =>
  (res.body.members ?? []).map((m) => m.value).sort();
const userIds = (...indexes: number[]) => indexes.map((i) => users[i]?.id ?? '').sort();

async function newGroup(displayName: string, members: string[] = []) {
  const res = await t.scim.post('/Groups', {
    schemas: [GROUP],
    displayName,
    members: members.map((value) => ({ value })),
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describe('Groups', () => {
  test('creates a group with members; members carry display, $ref and type', async () => {
    const group = await newGroup('Engineering', userIds(0, 1));
    assert.deepEqual(group.schemas, [GROUP]);
    assert.deepEqual(ids({ body: group }), userIds(0, 1));
    const member = group.members.find((m: { value: string }) => m.value === users[0]?.id);
    assert.equal(member.type, 'User');
    assert.equal(member.display, 'Ada Lovelace');
    assert.equal(member.$ref, `${t.server.base}/Users/${users[0]?.id}`);
  });

  test("a user's groups attribute is read from the memberships", async () => {
    const group = await newGroup('Readers', userIds(2));
    const user = (await t.scim.get(`/Users/${users[2]?.id}`)).body;
    assert.deepEqual(user.groups, [
      { value: group.id, $ref: `${t.server.base}/Groups/${group.id}`, display: 'Readers', type: 'direct' },
    ]);
  });

  test('Okta OIN push: create without members, rename + add, remove by filter, full replace', async () => {
    const group = await newGroup('Push');
    const add = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody(
        { op: 'replace', value: { id: group.id, displayName: 'Push Renamed' } },
        { op: 'add', path: 'members', value: userIds(0, 1, 2).map((value) => ({ value })) },
      ),
    );
    assert.equal(add.status, 204);
    let current = await t.scim.get(`/Groups/${group.id}`);
    assert.equal(current.body.displayName, 'Push Renamed');
    assert.deepEqual(ids(current), userIds(0, 1, 2));

    const remove = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'remove', path: `members[value eq "${users[1]?.id}"]` }),
    );
    assert.equal(remove.status, 204);
    assert.deepEqual(ids(await t.scim.get(`/Groups/${group.id}`)), userIds(0, 2));

    await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'replace', path: 'members', value: userIds(3, 4).map((value) => ({ value })) }),
    );
    current = await t.scim.get(`/Groups/${group.id}`);
    assert.deepEqual(ids(current), userIds(3, 4));
  });

  test("Entra: value-list removal removes only what is listed; rename by path; 'excludedAttributes=members' lookups", async () => {
    const group = await newGroup('Entra Group', userIds(0, 1, 2));
    const res = await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'Remove', path: 'members', value: [{ value: users[1]?.id }] }),
    );
    assert.equal(res.status, 204);
    await t.scim.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'Replace', path: 'displayName', value: 'Entra Group 2' }),
    );
    const lookup = await t.scim.get(
      '/Groups?excludedAttributes=members&filter=displayName eq "entra group 2"',
    );
    assert.equal(lookup.body.totalResults, 1);
    assert.equal(lookup.body.Resources[0].members, undefined);
    const check = await t.scim.get(
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${group.id}" and members[value eq "${users[0]?.id}"]`)}`,
    );
    assert.equal(check.body.totalResults, 1);
    const gone = await t.scim.get(
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq "${group.id}" and members[value eq "${users[1]?.id}"]`)}`,
    );
    assert.equal(gone.body.totalResults, 0);
  });

  test('adding an existing member or removing a non-member changes nothing and is not an error', async () => {
    const group = await newGroup('Idempotent', userIds(0));
    const before = (await t.scim.get(`/Groups/${group.id}`)).body.meta.version;
    assert.equal(
      (
        await t.scim.patch(
          `/Groups/${group.id}`,
          patchBody({ op: 'add', path: 'members', value: [{ value: users[0]?.id }] }),
        )
      ).status,
      204,
    );
    assert.equal(
      (
        await t.scim.patch(
          `/Groups/${group.id}`,
          patchBody({ op: 'remove', path: `members[value eq "${users[5]?.id}"]` }),
        )
      ).status,
      204,
    );
    const after = (await t.scim.get(`/Groups/${group.id}`)).body;
    assert.deepEqual(ids({ body: after }), userIds(0));
    assert.equal(after.meta.version, before);
  });

  test('a member id that is not a user or group of this tenant is 400 and nothing changes', async () => {
    const group = await newGroup('Strict', userIds(0));
    const other = await t.server.tenant('other');
    const foreign = (
      await scimClient(other.base, other.token).post('/Users', oktaUser('foreign@example.com'))
    ).body;
    for (const value of ['no-such-id', foreign.id]) {
      const res = await t.scim.patch(
        `/Groups/${group.id}`,
        patchBody({ op: 'add', path: 'members', value: [{ value: users[1]?.id }, { value }] }),
      );
      expectScimError(res, 400, 'invalidValue');
    }
    assert.deepEqual(ids(await t.scim.get(`/Groups/${group.id}`)), userIds(0));
  });

  test('a PATCH with 1,000 member operations works in one request', async () => {
    const created: string[] = [];
    for (let i = 0; i < 1000; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, (_, j) => t.scim.post('/Users', oktaUser(`bulk${i + j}@example.com`))),
      );
      created.push(...batch.map((r) => r.body.id as string));
    }
    const group = await newGroup('Thousand');
    const ops = created.map((value) => ({ op: 'add', path: 'members', value: [{ value }] }));
    const res = await t.scim.patch(`/Groups/${group.id}`, patchBody(...ops));
    assert.equal(res.status, 204, res.text);
    const listed = await t.scim.get(`/Groups/${group.id}`);
    assert.equal(listed.body.members.length, 1000);
  });

  test('PATCH with attributes answers 200 with the projected group', async () => {
    const group = await newGroup('Echo');
    const res = await t.scim.patch(
      `/Groups/${group.id}?excludedAttributes=members`,
      patchBody({ op: 'replace', path: 'displayName', value: 'Echoed' }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.displayName, 'Echoed');
  });

  test('Okta AIW: PUT replaces name and members', async () => {
    const group = await newGroup('AIW', userIds(0));
    const res = await t.scim.put(`/Groups/${group.id}`, {
      schemas: [GROUP],
      id: group.id,
      displayName: 'AIW Renamed',
      members: userIds(1, 2).map((value) => ({ value, display: 'ignored' })),
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.displayName, 'AIW Renamed');
    assert.deepEqual(ids(res), userIds(1, 2));
  });

  test('deleting a user removes it from its groups; deleting a group frees its users', async () => {
    const doomed = (await t.scim.post('/Users', oktaUser('doomed@example.com'))).body;
    const group = await newGroup('Cleanup', [doomed.id, users[0]?.id ?? '']);
    assert.equal((await t.scim.delete(`/Users/${doomed.id}`)).status, 204);
    assert.deepEqual(ids(await t.scim.get(`/Groups/${group.id}`)), userIds(0));
    assert.equal((await t.scim.delete(`/Groups/${group.id}`)).status, 204);
    expectScimError(await t.scim.get(`/Groups/${group.id}`), 404);
    const user = (await t.scim.get(`/Users/${users[0]?.id}`)).body;
    assert.ok(!(user.groups ?? []).some((g: { value: string }) => g.value === group.id));
  });

  test('a group without displayName is 400', async () => {
    expectScimError(await t.scim.post('/Groups', { schemas: [GROUP] }), 400, 'invalidValue');
  });
});
