import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENTERPRISE, expectScimError, oktaUser, patchBody } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

async function newUser(userName: string, extra: Record<string, unknown> = {}) {
  const res = await t.scim.post('/Users', oktaUser(userName, extra));
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describe('PATCH /Users/{id} as Okta sends it', () => {
  test('deactivates with a path-less replace and reactivates with the same id', async () => {
    const user = await newUser('okta-patch@example.com');
    const off = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', value: { active: false } }),
    );
    assert.equal(off.status, 200);
    assert.equal(off.body.active, false);
    assert.equal(off.headers.get('etag'), off.body.meta.version);
    const on = await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', value: { active: true } }));
    assert.equal(on.body.active, true);
    assert.equal(on.body.id, user.id);
  });

  test('a password in a PATCH is accepted and never stored or returned', async () => {
    const user = await newUser('okta-pw@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', value: { password: 'N3w-secret!' } }),
    );
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('N3w-secret!'));
    assert.ok(!('password' in (await t.scim.get(`/Users/${user.id}`)).body));
  });
});

describe('PATCH /Users/{id} as Entra sends it', () => {
  test('legacy dialect: capitalised ops and "False"/"True" strings', async () => {
    const user = await newUser('entra-legacy@example.com');
    const off = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Replace', path: 'active', value: 'False' }),
    );
    assert.equal(off.body.active, false);
    const on = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Replace', path: 'active', value: 'True' }),
    );
    assert.equal(on.body.active, true);
    expectScimError(
      await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'Replace', path: 'active', value: 'Nope' })),
      400,
      'invalidValue',
    );
  });

  test('aadOptscim062020 dialect: path-less replace with dotted and URN keys', async () => {
    const user = await newUser('entra-flag@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}?aadOptscim062020`,
      patchBody({
        op: 'replace',
        value: {
          'name.givenName': 'Augusta',
          [`${ENTERPRISE}:department`]: 'Analytics',
          displayName: 'Augusta Ada',
        },
      }),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.name.givenName, 'Augusta');
    assert.equal(res.body.name.familyName, 'Lovelace');
    assert.equal(res.body[ENTERPRISE].department, 'Analytics');
    assert.equal(res.body.displayName, 'Augusta Ada');
  });

  test('replace on a value filter that matches nothing adds the element', async () => {
    const user = await newUser('entra-phone@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody(
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+44 20 7946 0000' },
        { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: 'EC1A 1BB' },
      ),
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.phoneNumbers, [{ type: 'mobile', value: '+44 20 7946 0000' }]);
    assert.deepEqual(res.body.addresses, [{ type: 'work', postalCode: 'EC1A 1BB' }]);
    const again = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }),
    );
    assert.deepEqual(
      again.body.phoneNumbers,
      [{ type: 'mobile', value: '+1 555 0100' }],
      'the value round-trips as sent',
    );
  });

  test('manager: added as a bare id, returned as {value}, removed with {"value": ""}', async () => {
    const boss = await newUser('boss@example.com');
    const user = await newUser('report@example.com');
    const add = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Add', path: `${ENTERPRISE}:manager`, value: boss.id }),
    );
    assert.equal(add.status, 200, add.text);
    assert.equal(add.body[ENTERPRISE].manager.value, boss.id);
    const removed = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }),
    );
    assert.equal(removed.body[ENTERPRISE]?.manager, undefined);
  });

  test("the old tutorial's bare manager path reaches the enterprise extension", async () => {
    const boss = await newUser('old-boss@example.com');
    const user = await newUser('old-report@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({
        op: 'Add',
        path: 'manager',
        value: [{ $ref: `${t.server.base}/Users/${boss.id}`, value: boss.id }],
      }),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body[ENTERPRISE].manager.value, boss.id);
  });

  test('an emails filter path replaces the work address', async () => {
    const user = await newUser('entra-mail@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }),
    );
    assert.deepEqual(res.body.emails, [{ primary: true, value: 'new@example.com', type: 'work' }]);
    const found = await t.scim.get('/Users?filter=emails.value eq "NEW@example.com"');
    assert.equal(found.body.totalResults, 1, 'the email index follows the PATCH');
  });
});

describe('PATCH errors change nothing', () => {
  test('a PATCH failing at its last operation leaves the user untouched', async () => {
    const user = await newUser('atomic@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody(
        { op: 'replace', path: 'title', value: 'Changed' },
        { op: 'replace', path: 'nosuch', value: 'x' },
      ),
    );
    expectScimError(res, 400, 'invalidPath');
    const after = (await t.scim.get(`/Users/${user.id}`)).body;
    assert.equal(after.title, undefined);
    assert.equal(after.meta.version, user.meta.version);
  });

  test('readOnly targets are 400 mutability; required ones cannot be removed', async () => {
    const user = await newUser('readonly-patch@example.com');
    expectScimError(
      await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'id', value: 'x' })),
      400,
      'mutability',
    );
    expectScimError(
      await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'meta.created', value: 'x' })),
      400,
      'mutability',
    );
    expectScimError(
      await t.scim.patch(
        `/Users/${user.id}`,
        patchBody({ op: 'add', path: 'groups', value: [{ value: 'g' }] }),
      ),
      400,
      'mutability',
    );
    expectScimError(
      await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'remove', path: 'userName' })),
      400,
    );
  });

  test('malformed PatchOp messages are 400 invalidSyntax', async () => {
    const user = await newUser('syntax@example.com');
    for (const body of [
      { Operations: [{ op: 'replace', value: { title: 'x' } }] },
      patchBody(),
      patchBody({ op: 'jump', path: 'title', value: 'x' }),
      patchBody({ op: 'replace', path: 'title' }),
    ]) {
      expectScimError(await t.scim.patch(`/Users/${user.id}`, body), 400, 'invalidSyntax');
    }
  });

  test('prototype-polluting paths and keys are refused and pollute nothing', async () => {
    const user = await newUser('proto@example.com');
    for (const ops of [
      [{ op: 'replace', path: '__proto__.polluted', value: 'yes' }],
      [{ op: 'replace', path: 'constructor.prototype.polluted', value: 'yes' }],
      [{ op: 'replace', value: JSON.parse('{"__proto__": {"polluted": "yes"}}') }],
    ]) {
      const res = await t.scim.request('PATCH', `/Users/${user.id}`, JSON.stringify(patchBody(...ops)));
      assert.equal(res.status, 400, res.text);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('If-Match: a stale version is 412; two writers with one version give one 200 and one 412', async () => {
    const user = await newUser('race@example.com');
    const results = await Promise.all(
      ['A', 'B'].map((title) =>
        t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'title', value: title }), {
          'If-Match': user.meta.version,
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 412]);
  });

  test('concurrent PATCHes of different attributes all stick and each bumps the version', async () => {
    const user = await newUser('concurrent@example.com');
    const fields = ['employeeNumber', 'costCenter', 'organization', 'division', 'department'];
    const results = await Promise.all(
      fields.map((f) =>
        t.scim.patch(
          `/Users/${user.id}`,
          patchBody({ op: 'add', path: `${ENTERPRISE}:${f}`, value: `v-${f}` }),
        ),
      ),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const final = (await t.scim.get(`/Users/${user.id}`)).body;
    for (const f of fields) assert.equal(final[ENTERPRISE][f], `v-${f}`);
    assert.equal(final.meta.version, `W/"${1 + fields.length}"`);
  });
});

describe('PATCH paths the RFC allows and outside checkers send', () => {
  test("an extension's URN as the path merges an object into that extension, for add and replace", async () => {
    const user = await newUser('ext-path@example.com', {
      [ENTERPRISE]: { employeeNumber: '7', department: 'Sales' },
    });
    const added = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'add', path: ENTERPRISE, value: { department: 'R&D', costCenter: 'C1' } }),
    );
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.body[ENTERPRISE], { employeeNumber: '7', department: 'R&D', costCenter: 'C1' });
    assert.ok(added.body.schemas.includes(ENTERPRISE));
    const replaced = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: ENTERPRISE, value: { division: 'North' } }),
    );
    assert.equal(replaced.status, 200, replaced.text);
    assert.equal(replaced.body[ENTERPRISE].division, 'North');
    assert.equal((await t.scim.get(`/Users/${user.id}`)).body[ENTERPRISE].division, 'North');
    expectScimError(
      await t.scim.patch(`/Users/${user.id}`, patchBody({ op: 'add', path: ENTERPRISE, value: { nope: 1 } })),
      400,
    );
  });

  test('remove of a single-valued attribute removes it, active included', async () => {
    const user = await newUser('remove-single@example.com', { title: 'Engineer' });
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'remove', path: 'title' }, { op: 'remove', path: 'active' }),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.title, undefined);
    assert.equal(res.body.active, undefined);
    const read = (await t.scim.get(`/Users/${user.id}`)).body;
    assert.equal(read.title, undefined);
    assert.equal(read.active, undefined);
    // An absent attribute matches no comparison (RFC 7644 §3.4.2.2), in the database as in the core.
    const ids = async (filter: string) =>
      (await t.scim.get(`/Users?filter=${encodeURIComponent(filter)}&count=1000`)).body.Resources.map(
        (r: { id: string }) => r.id,
      );
    assert.ok(!(await ids('active eq true')).includes(user.id));
    assert.ok(!(await ids('active eq false')).includes(user.id));
    assert.ok(!(await ids('active pr')).includes(user.id));
    assert.ok((await ids('not (active eq false)')).includes(user.id));
    // A replace sets it again.
    const back = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'active', value: false }),
    );
    assert.equal(back.body.active, false);
  });

  test('an extension URN path adds the extension to a user that had none', async () => {
    const user = await newUser('ext-new@example.com');
    const res = await t.scim.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'add', path: ENTERPRISE, value: { department: 'R&D' } }),
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body[ENTERPRISE], { department: 'R&D' });
    assert.ok(res.body.schemas.includes(ENTERPRISE));
  });
});
