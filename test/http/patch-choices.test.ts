import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectScimError, GROUP, oktaUser, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

// The README's "Deliberate choices" on PATCH: readOnly attributes in path-less values, and a member
// named twice.

const t = useServer();

async function user(userName: string) {
  const res = await t.scim.post('/Users', oktaUser(userName));
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; meta: { version: string } };
}

async function group(displayName: string, members: string[] = []) {
  const res = await t.scim.post('/Groups', {
    schemas: [GROUP],
    displayName,
    members: members.map((value) => ({ value })),
  });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; meta: { version: string }; members?: { value: string }[] };
}

const memberIds = (body: { members?: { value: string }[] }) =>
  (body.members ?? []).map((m) => m.value).sort();

describe('readOnly attributes in a path-less PATCH value', () => {
  test("the resource's own id, meta and groups are ignored; the rest applies", async () => {
    const ada = await user('readonly-ada@example.com');
    const other = await group('Not joined by a user PATCH');
    const res = await t.scim.patch(
      `/Users/${ada.id}`,
      patchBody({
        op: 'replace',
        value: {
          id: ada.id,
          meta: { created: '2000-01-01T00:00:00Z', version: 'W/"99"' },
          groups: [{ value: other.id }],
          title: 'Analyst',
        },
      }),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.title, 'Analyst');
    assert.equal(res.body.meta.version, 'W/"2"');
    assert.notEqual(res.body.meta.created, '2000-01-01T00:00:00Z');
    assert.equal(res.body.groups, undefined);
    assert.deepEqual(memberIds((await t.scim.get(`/Groups/${other.id}`)).body), []);
  });

  test('another id is 400 mutability and changes nothing', async () => {
    const ada = await user('readonly-bob@example.com');
    const g = await group('Renamed by Okta?');
    for (const [path, value] of [
      [`/Users/${ada.id}`, { id: 'someone-else', title: 'Analyst' }],
      [`/Groups/${g.id}`, { id: ada.id, displayName: 'Renamed' }],
    ] as const) {
      expectScimError(await t.scim.patch(path, patchBody({ op: 'replace', value })), 400, 'mutability');
      const after = await t.scim.get(path);
      assert.equal(after.body.meta.version, 'W/"1"');
    }
  });
});

describe('a member named twice in one PATCH', () => {
  test('is added once: a group never holds a member twice', async () => {
    const [a, b] = [await user('twice-a@example.com'), await user('twice-b@example.com')];
    const g = await group('Twice');
    // Groups answer 204 unless attributes are asked for.
    const res = await t.scim.patch(
      `/Groups/${g.id}?excludedAttributes=displayName`,
      patchBody(
        { op: 'add', path: 'members', value: [{ value: a.id }, { value: a.id }, { value: b.id }] },
        { op: 'add', path: 'members', value: [{ value: b.id }] },
      ),
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(memberIds(res.body), [a.id, b.id].sort());
    assert.equal(res.body.meta.version, 'W/"2"');
    const replaced = await t.scim.patch(
      `/Groups/${g.id}?excludedAttributes=displayName`,
      patchBody({ op: 'replace', value: { members: [{ value: a.id }, { value: a.id }] } }),
    );
    assert.deepEqual(memberIds(replaced.body), [a.id]);
    const posted = await group('Twice posted', [b.id, b.id]);
    assert.deepEqual(memberIds(posted), [b.id]);
    const ada = await t.scim.get(`/Users/${a.id}`);
    assert.deepEqual(
      ada.body.groups.map((m: { value: string }) => m.value),
      [g.id],
    );
  });
});
