import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TenantId } from '../../src/store/port.ts';
import { expectScimError, GROUP, oktaUser, PATCH_OP, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

interface Result {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: { status: string; scimType?: string; detail: string };
}

async function bulk(Operations: unknown[], extra: Record<string, unknown> = {}) {
  const res = await t.scim.post('/Bulk', { schemas: [BULK], Operations, ...extra });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
  return res.body.Operations as Result[];
}

const idOf = (result: Result | undefined) => result?.location?.split('/').at(-1) as string;

describe('POST /Bulk', () => {
  test('ServiceProviderConfig advertises bulk with its limits', async () => {
    const { bulk: advertised } = (await t.scim.get('/ServiceProviderConfig')).body;
    assert.deepEqual(advertised, { supported: true, maxOperations: 1000, maxPayloadSize: 1024 * 1024 });
  });

  test('bulkId references resolve in any order, inside members and across operations', async () => {
    // The group comes first and names users created after it; the PATCH names a user by bulkId too.
    const results = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'team',
        data: { schemas: [GROUP], displayName: 'Bulk team', members: [{ value: 'bulkId:ada' }] },
      },
      { method: 'POST', path: '/Users', bulkId: 'ada', data: oktaUser('bulk-ada@example.com') },
      { method: 'POST', path: '/Users', bulkId: 'bob', data: oktaUser('bulk-bob@example.com') },
      {
        method: 'PATCH',
        path: '/Groups/bulkId:team',
        data: patchBody({ op: 'add', path: 'members', value: [{ value: 'bulkId:bob' }] }),
      },
    ]);
    assert.deepEqual(
      results.map((r) => [r.method, r.bulkId, r.status]),
      [
        ['POST', 'team', '201'],
        ['POST', 'ada', '201'],
        ['POST', 'bob', '201'],
        ['PATCH', undefined, '200'],
      ],
    );
    const [team, ada, bob] = results;
    assert.match(team?.location ?? '', /\/Groups\/[0-9a-f-]{36}$/);
    assert.match(ada?.version ?? '', /^W\/"\d+"$/);
    const group = (await t.scim.get(`/Groups/${idOf(team)}`)).body;
    assert.deepEqual(
      group.members.map((m: { value: string }) => m.value).sort(),
      [idOf(ada), idOf(bob)].sort(),
    );
    assert.equal((await t.scim.get(`/Users/${idOf(ada)}`)).body.groups[0].value, idOf(team));
  });

  test('PUT, PATCH and DELETE with a version each act as their own request with If-Match', async () => {
    const created = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'u1', data: oktaUser('bulk-v1@example.com') },
      { method: 'POST', path: '/Users', bulkId: 'u2', data: oktaUser('bulk-v2@example.com') },
    ]);
    const [u1, u2] = created;
    const results = await bulk([
      {
        method: 'PUT',
        path: `/Users/${idOf(u1)}`,
        version: u1?.version,
        data: oktaUser('bulk-v1@example.com', { title: 'Put' }),
      },
      {
        method: 'PATCH',
        path: `/Users/${idOf(u2)}`,
        version: 'W/"999"',
        data: patchBody({ op: 'replace', path: 'active', value: false }),
      },
      { method: 'DELETE', path: `/Users/${idOf(u2)}`, version: u2?.version },
      { method: 'DELETE', path: '/Users/no-such-id' },
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['200', '412', '204', '404'],
    );
    assert.equal(results[1]?.response?.status, '412');
    assert.equal((await t.scim.get(`/Users/${idOf(u1)}`)).body.title, 'Put');
    assert.equal((await t.scim.get(`/Users/${idOf(u2)}`)).status, 404);
  });

  test('circular references are refused with 409; the rest of the request still runs', async () => {
    const group = (name: string, member: string) => ({
      method: 'POST',
      path: '/Groups',
      bulkId: name,
      data: { schemas: [GROUP], displayName: `Circle ${name}`, members: [{ value: `bulkId:${member}` }] },
    });
    const results = await bulk([
      group('a', 'b'),
      group('b', 'a'),
      group('self', 'self'),
      { method: 'POST', path: '/Users', bulkId: 'free', data: oktaUser('bulk-free@example.com') },
      group('waits', 'a'),
    ]);
    assert.deepEqual(
      results.map((r) => [r.bulkId, r.status]),
      [
        ['a', '409'],
        ['b', '409'],
        ['self', '409'],
        ['free', '201'],
        ['waits', '409'],
      ],
    );
    expectScimErrorBody(results[0], 409);
    const circles = await t.scim.get(`/Groups?filter=${encodeURIComponent('displayName sw "Circle"')}`);
    assert.equal(circles.body.totalResults, 0);
  });

  test('failOnErrors stops after that many failures; unknown bulkIds and bad operations fail alone', async () => {
    const results = await bulk(
      [
        { method: 'POST', path: '/Users', bulkId: 'ok1', data: oktaUser('bulk-f1@example.com') },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: oktaUser('bulk-f1@example.com') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [GROUP], displayName: 'x', members: [{ value: 'bulkId:nobody' }] },
        },
        { method: 'POST', path: '/Users', bulkId: 'never', data: oktaUser('bulk-f2@example.com') },
      ],
      { failOnErrors: 2 },
    );
    assert.deepEqual(
      results.map((r) => [r.bulkId, r.status, r.response?.scimType]),
      [
        ['ok1', '201', undefined],
        ['dup', '409', 'uniqueness'],
        ['g', '400', 'invalidValue'],
      ],
    );
    const never = await t.scim.get(
      `/Users?filter=${encodeURIComponent('userName eq "bulk-f2@example.com"')}`,
    );
    assert.equal(never.body.totalResults, 0);

    const malformed = await bulk([
      { method: 'GET', path: '/Users' },
      { method: 'POST', path: '/Users', data: oktaUser('bulk-nobulkid@example.com') },
      { method: 'PUT', path: '/Users', bulkId: 'p', data: oktaUser('bulk-put@example.com') },
      { method: 'POST', path: '/Widgets', bulkId: 'w', data: {} },
      { method: 'POST', path: '/Users', bulkId: 'fine', data: oktaUser('bulk-fine@example.com') },
    ]);
    assert.deepEqual(
      malformed.map((r) => r.status),
      ['400', '400', '400', '400', '201'],
    );
  });

  test("each operation is its own change in the audit trail, by the bulk request's credential", async () => {
    const audit = t.server.store.forTenant('acme' as TenantId).audit;
    const before = (await audit.list(0, 10_000)).length;
    await bulk([
      { method: 'POST', path: '/Users', bulkId: 'a1', data: oktaUser('bulk-audit1@example.com') },
      { method: 'POST', path: '/Users', bulkId: 'a2', data: oktaUser('bulk-audit2@example.com') },
      {
        method: 'PATCH',
        path: '/Users/bulkId:a1',
        data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      },
    ]);
    const added = (await audit.list(0, 10_000)).slice(before);
    assert.deepEqual(
      added.map((e) => [e.action, e.resourceType, e.actor.name]),
      [
        ['create', 'User', 'test'],
        ['create', 'User', 'test'],
        ['patch', 'User', 'test'],
      ],
    );
  });

  test('a malformed request, too many operations or too large a body is refused whole', async () => {
    expectScimError(await t.scim.post('/Bulk', { Operations: [] }), 400, 'invalidSyntax');
    expectScimError(await t.scim.post('/Bulk', { schemas: [BULK], Operations: [] }), 400, 'invalidSyntax');
    const op = { method: 'DELETE', path: '/Users/x' };
    expectScimError(
      await t.scim.post('/Bulk', { schemas: [BULK], Operations: Array.from({ length: 1001 }, () => op) }),
      413,
    );
    const big = {
      method: 'POST',
      path: '/Users',
      bulkId: 'big',
      data: oktaUser('big@example.com', { title: 'x'.repeat(1024 * 1024) }),
    };
    expectScimError(await t.scim.post('/Bulk', { schemas: [BULK], Operations: [big] }), 413);
    expectScimError(
      await t.scim.post('/Bulk', {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'same', data: oktaUser('same1@example.com') },
          { method: 'POST', path: '/Users', bulkId: 'same', data: oktaUser('same2@example.com') },
        ],
      }),
      400,
      'invalidValue',
    );
    expectScimError(await t.scim.get('/Bulk'), 405);
  });
});

function expectScimErrorBody(result: Result | undefined, status: number): void {
  assert.equal(result?.response?.status, String(status));
  assert.ok(result?.response?.detail);
}
