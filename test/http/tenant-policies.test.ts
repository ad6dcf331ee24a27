import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../src/compose.ts';
import { POLICY_MAX_AGE_MS } from '../../src/service/policy-cache.ts';
import { setPolicy } from '../../src/service/tenant-policy.ts';
import type { TenantId } from '../../src/store/port.ts';
import { byTest } from '../support/change.ts';
import {
  ENTERPRISE,
  expectScimError,
  oktaUser,
  patchBody,
  type ScimClient,
  scimClient,
  USER,
} from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const seed = (app: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/policies/${app}.json`, import.meta.url), 'utf8'));

const ACME_EXT = 'urn:example:acme:1.0:User';
const EXTENSION_POLICY = {
  extensions: [
    {
      id: ACME_EXT,
      name: 'AcmeUser',
      description: 'What Acme keeps about its people',
      attributes: [
        { name: 'badge', type: 'string', caseExact: true },
        { name: 'clearance', type: 'integer', canonicalValues: ['1', '2', '3'] },
      ],
    },
  ],
};

const clients = new Map<string, ScimClient>();
const on = (tenant: string): ScimClient => {
  const client = clients.get(tenant);
  if (!client) throw new Error(`no tenant ${tenant}`);
  return client;
};

const t = useServer(async ({ server }) => {
  const policies: [string, unknown][] = [
    ['process-street', seed('process-street')],
    ['condeco', seed('condeco')],
    ['powerdms', seed('powerdms')],
    ['extended', EXTENSION_POLICY],
  ];
  for (const [name, policy] of policies) {
    const { base, token } = await server.tenant(name);
    await setPolicy(server, name as TenantId, policy, byTest());
    clients.set(name, scimClient(base, token));
  }
});

describe('a tenant policy on SCIM writes', () => {
  test('process-street: userType FreeMember by default, only its roles, only its email domains', async () => {
    const scim = on('process-street');
    const created = await scim.post('/Users', oktaUser('ada@example.com'));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.userType, 'FreeMember');
    assert.equal((await scim.get(`/Users/${created.body.id}`)).body.userType, 'FreeMember');

    const owner = await scim.post('/Users', oktaUser('bob@example.com', { userType: 'SuperOwner' }));
    expectScimError(owner, 400, 'invalidValue');
    assert.match(owner.body.detail, /"SuperOwner"/);
    const outside = await scim.post('/Users', oktaUser('eve@gmail.com'));
    expectScimError(outside, 400, 'invalidValue');
    assert.match(outside.body.detail, /"gmail\.com"/);

    const patched = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({ op: 'replace', path: 'userType', value: 'SuperOwner' }),
    );
    expectScimError(patched, 400, 'invalidValue');
    const promoted = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({ op: 'replace', path: 'userType', value: 'Admin' }),
    );
    assert.equal(promoted.body.userType, 'Admin');
    const put = await scim.put(
      `/Users/${created.body.id}`,
      oktaUser('ada@example.com', { userType: 'Owner' }),
    );
    expectScimError(put, 400, 'invalidValue');
  });

  test('condeco: givenName and a primary email required; ISO 639-1 languages and ISO 3166-1 countries', async () => {
    const scim = on('condeco');
    const address = { country: 'DE', locality: 'Berlin', type: 'work', primary: true };
    const created = await scim.post(
      '/Users',
      oktaUser('ada@condeco.example', { preferredLanguage: 'de', addresses: [address] }),
    );
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.preferredLanguage, 'de');
    assert.deepEqual(created.body.addresses, [address]);
    assert.equal(created.body.displayName, undefined, 'ignored attributes are dropped');
    assert.equal(created.body.locale, undefined);

    const noGivenName = await scim.post(
      '/Users',
      oktaUser('bob@condeco.example', { name: { familyName: 'Lovelace' } }),
    );
    expectScimError(noGivenName, 400, 'invalidValue');
    assert.match(noGivenName.body.detail, /name\.givenName/);
    const noPrimary = await scim.post(
      '/Users',
      oktaUser('cy@condeco.example', { emails: [{ value: 'cy@condeco.example', type: 'work' }] }),
    );
    expectScimError(noPrimary, 400, 'invalidValue');
    assert.match(noPrimary.body.detail, /emails\[primary eq true\]/);
    const english = await scim.post(
      '/Users',
      oktaUser('di@condeco.example', { preferredLanguage: 'English' }),
    );
    expectScimError(english, 400, 'invalidValue');
    assert.match(english.body.detail, /English/);
    const germany = await scim.post(
      '/Users',
      oktaUser('ed@condeco.example', { addresses: [{ ...address, country: 'Germany' }] }),
    );
    expectScimError(germany, 400, 'invalidValue');
    assert.match(germany.body.detail, /Germany/);

    const id = created.body.id;
    const patch = (op: unknown) => scim.patch(`/Users/${id}`, patchBody(op));
    expectScimError(await patch({ op: 'replace', path: 'preferredLanguage', value: 'English' }), 400);
    expectScimError(await patch({ op: 'remove', path: 'name.givenName' }), 400, 'invalidValue');
    const french = await patch({ op: 'replace', path: 'preferredLanguage', value: 'fr' });
    assert.equal(french.status, 200, french.text);
    assert.equal(french.body.preferredLanguage, 'fr');
  });

  test('powerdms: its ignored attributes are accepted and dropped; an attribute in no schema is 400', async () => {
    const scim = on('powerdms');
    const created = await scim.post(
      '/Users',
      oktaUser('ada@powerdms.example', {
        schemas: [USER, ENTERPRISE],
        name: { givenName: 'Ada', familyName: 'Lovelace', honorificPrefix: 'Countess' },
        nickName: 'Ada',
        timezone: 'Europe/London',
        userType: 'Employee',
        [ENTERPRISE]: { costCenter: 'C-1', department: 'Maths', employeeNumber: '7' },
        title: 'Analyst',
      }),
    );
    assert.equal(created.status, 201, created.text);
    const stored = (await scim.get(`/Users/${created.body.id}`)).body;
    for (const body of [created.body, stored]) {
      assert.deepEqual(body.name, { givenName: 'Ada', familyName: 'Lovelace' });
      assert.equal(body.title, 'Analyst', 'an attribute not on the list is kept');
      for (const name of ['nickName', 'timezone', 'userType', ENTERPRISE])
        assert.equal(body[name], undefined, `${name} is dropped`);
    }
    // A PATCH of an ignored attribute changes nothing, so it keeps the version.
    const patched = await scim.patch(
      `/Users/${created.body.id}`,
      patchBody({ op: 'replace', path: 'nickName', value: 'Countess' }),
    );
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.nickName, undefined);
    assert.equal(patched.body.meta.version, created.body.meta.version);

    expectScimError(await scim.post('/Users', oktaUser('bo@powerdms.example', { shoeSize: 42 })), 400);
  });

  test('a policy judges writes only: what was stored before it stays readable', async () => {
    const { server } = t;
    const { base, token } = await server.tenant('later');
    const scim = scimClient(base, token);
    const old = await scim.post('/Users', oktaUser('old@gmail.com', { userType: 'SuperOwner' }));
    assert.equal(old.status, 201);
    await setPolicy(server, 'later' as TenantId, seed('process-street'), byTest());
    const read = await scim.get(`/Users/${old.body.id}`);
    assert.deepEqual(read.body, old.body);
    const deactivated = await scim.patch(
      `/Users/${old.body.id}`,
      patchBody({ op: 'replace', path: 'active', value: false }),
    );
    assert.equal(deactivated.status, 200, deactivated.text);
    assert.equal(deactivated.body.userType, 'SuperOwner');
  });
});

describe('a policy set elsewhere', () => {
  test('a policy another process sets applies here within POLICY_MAX_AGE_MS', async () => {
    const { server } = t;
    const { base, token } = await server.tenant('elsewhere');
    const scim = scimClient(base, token);
    assert.equal((await scim.post('/Users', oktaUser('first@example.com'))).body.userType, undefined);
    // Another process: its own store on the same database, as the CLI or another worker has.
    const other = await openStore(server.database);
    const policy = { roles: { attribute: 'userType', allowed: ['Guest'], default: 'Guest' } };
    const setAt = performance.now();
    try {
      await setPolicy({ store: other }, 'elsewhere' as TenantId, policy, byTest());
    } finally {
      await other.close();
    }
    let n = 0;
    while ((await scim.post('/Users', oktaUser(`u${++n}@example.com`))).body.userType !== 'Guest') {
      assert.ok(performance.now() - setAt < POLICY_MAX_AGE_MS + 1000, 'applied within the bound');
      await sleep(250);
    }
  });
});

describe("a tenant's own extension schema", () => {
  test('published on /Schemas and /ResourceTypes for its tenant only', async () => {
    const scim = on('extended');
    const schemas = (await scim.get('/Schemas')).body.Resources.map((s: { id: string }) => s.id);
    assert.ok(schemas.includes(ACME_EXT));
    const schema = (await scim.get(`/Schemas/${ACME_EXT}`)).body;
    assert.equal(schema.name, 'AcmeUser');
    assert.deepEqual(
      schema.attributes.map((a: Record<string, unknown>) => [a.name, a.type, a.caseExact]),
      [
        ['badge', 'string', true],
        ['clearance', 'integer', false],
      ],
    );
    assert.deepEqual(schema.attributes[1].canonicalValues, ['1', '2', '3']);
    const user = (await scim.get('/ResourceTypes/User')).body;
    assert.deepEqual(user.schemaExtensions, [
      { schema: ENTERPRISE, required: false },
      { schema: ACME_EXT, required: false },
    ]);

    const plain = t.scim;
    const plainSchemas = (await plain.get('/Schemas')).body.Resources.map((s: { id: string }) => s.id);
    assert.ok(!plainSchemas.includes(ACME_EXT));
    expectScimError(await plain.get(`/Schemas/${ACME_EXT}`), 404);
  });

  test('validated, patched, filtered and sorted like a core attribute', async () => {
    const scim = on('extended');
    const make = (userName: string, badge: string, clearance: number) =>
      scim.post(
        '/Users',
        oktaUser(userName, { schemas: [USER, ACME_EXT], [ACME_EXT]: { badge, clearance } }),
      );
    const ada = await make('ada@acme.example', 'B-7', 2);
    assert.equal(ada.status, 201, ada.text);
    assert.deepEqual(ada.body[ACME_EXT], { badge: 'B-7', clearance: 2 });
    assert.ok(ada.body.schemas.includes(ACME_EXT));
    await make('bob@acme.example', 'B-1', 3);
    await make('cy@acme.example', 'B-9', 1);
    expectScimError(await make('di@acme.example', 'B-2', 'high' as unknown as number), 400);

    const names = async (query: string) =>
      ((await scim.get(`/Users?${query}`)).body.Resources ?? []).map((u: { userName: string }) => u.userName);
    assert.deepEqual(await names(`filter=${encodeURIComponent(`${ACME_EXT}:badge eq "B-7"`)}`), [
      'ada@acme.example',
    ]);
    assert.deepEqual(await names(`filter=${encodeURIComponent('badge eq "b-7"')}`), [], 'caseExact');
    assert.deepEqual(
      await names(`filter=${encodeURIComponent('clearance ge 2')}&sortBy=${ACME_EXT}:clearance`),
      ['ada@acme.example', 'bob@acme.example'],
    );
    assert.deepEqual(
      await names(`sortBy=${encodeURIComponent(`${ACME_EXT}:clearance`)}&sortOrder=descending`),
      ['bob@acme.example', 'ada@acme.example', 'cy@acme.example'],
    );

    const patched = await scim.patch(
      `/Users/${ada.body.id}`,
      patchBody({ op: 'replace', path: `${ACME_EXT}:clearance`, value: 3 }),
    );
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body[ACME_EXT].clearance, 3);
    expectScimError(
      await scim.patch(
        `/Users/${ada.body.id}`,
        patchBody({ op: 'replace', path: `${ACME_EXT}:clearance`, value: 'top' }),
      ),
      400,
    );

    // Another tenant has no such attribute.
    expectScimError(
      await t.scim.get(`/Users?filter=${encodeURIComponent('badge eq "B-7"')}`),
      400,
      'invalidFilter',
    );
  });
});
