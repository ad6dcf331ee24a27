import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENTERPRISE, GROUP, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

test('ServiceProviderConfig states what the server does', async () => {
  const res = await t.scim.get('/ServiceProviderConfig');
  assert.equal(res.status, 200);
  assert.equal(res.body.patch.supported, true);
  assert.equal(res.body.filter.supported, true);
  assert.equal(res.body.filter.maxResults, 1000);
  assert.equal(res.body.sort.supported, true);
  assert.equal(res.body.etag.supported, true);
  assert.equal(res.body.bulk.supported, false);
  assert.deepEqual(
    res.body.authenticationSchemes.map((s: { type: string }) => s.type),
    ['oauthbearertoken', 'httpbasic'],
  );
});

test('ResourceTypes name the schemas and the enterprise extension (Okta schema discovery)', async () => {
  const res = await t.scim.get('/ResourceTypes');
  assert.equal(res.body.totalResults, 2);
  const user = (await t.scim.get('/ResourceTypes/User')).body;
  assert.equal(user.endpoint, '/Users');
  assert.equal(user.schema, USER);
  assert.deepEqual(user.schemaExtensions, [{ schema: ENTERPRISE, required: false }]);
  assert.equal((await t.scim.get('/ResourceTypes/Group')).body.schema, GROUP);
  assert.equal((await t.scim.get('/ResourceTypes/Nope')).status, 404);
});

test('Schemas describe every attribute with its characteristics', async () => {
  const res = await t.scim.get('/Schemas');
  assert.deepEqual(
    res.body.Resources.map((s: { id: string }) => s.id).sort(),
    [ENTERPRISE, GROUP, USER].sort(),
  );
  const user = (await t.scim.get(`/Schemas/${USER}`)).body;
  const userName = user.attributes.find((a: { name: string }) => a.name === 'userName');
  assert.deepEqual(
    { required: userName.required, uniqueness: userName.uniqueness, caseExact: userName.caseExact },
    { required: true, uniqueness: 'server', caseExact: false },
  );
  const password = user.attributes.find((a: { name: string }) => a.name === 'password');
  assert.deepEqual(
    { mutability: password.mutability, returned: password.returned },
    { mutability: 'writeOnly', returned: 'never' },
  );
  const emails = user.attributes.find((a: { name: string }) => a.name === 'emails');
  assert.equal(emails.multiValued, true);
  assert.deepEqual(
    emails.subAttributes.map((s: { name: string }) => s.name),
    ['value', 'display', 'type', 'primary'],
  );
});
