import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENTERPRISE, GROUP, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

/** RFC 7643 §8.7.2: the schemas of the discovery resources themselves. */
const DISCOVERY = {
  ServiceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  ResourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  Schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
};

interface Described {
  name: string;
  type: string;
  multiValued: boolean;
  subAttributes?: Described[];
}

/**
 * Every key of `value` is an attribute of `attributes`, of the type and plurality it states. The Schema
 * schema describes attributes two levels deep, as deep as SCIM lets them nest (RFC 7643 §8.7.2), so in
 * its description of itself the sub-attributes of `subAttributes` are one level past what it describes.
 */
function conforms(value: Record<string, unknown>, attributes: Described[], at: string): string[] {
  return Object.entries(value).flatMap(([key, v]): string[] => {
    if (at === '' && (key === 'schemas' || key === 'meta')) return [];
    if (at === 'attributes.subAttributes.' && key === 'subAttributes') return [];
    const def = attributes.find((a) => a.name === key);
    if (!def) return [`${at}${key} is not described`];
    const values = def.multiValued ? (Array.isArray(v) ? v : [v]) : [v];
    if (def.multiValued !== Array.isArray(v)) return [`${at}${key}: multiValued is ${def.multiValued}`];
    return values.flatMap((item: unknown) => {
      if (def.type === 'complex')
        return conforms(item as Record<string, unknown>, def.subAttributes ?? [], `${at}${key}.`);
      const type =
        typeof item === 'boolean'
          ? 'boolean'
          : typeof item === 'number'
            ? ['integer', 'decimal']
            : ['string', 'reference', 'dateTime', 'binary'];
      return ([] as string[]).concat(type).includes(def.type) ? [] : [`${at}${key} is not a ${def.type}`];
    });
  });
}

test('ServiceProviderConfig states what the server does', async () => {
  const res = await t.scim.get('/ServiceProviderConfig');
  assert.equal(res.status, 200);
  assert.equal(res.body.patch.supported, true);
  assert.equal(res.body.filter.supported, true);
  assert.equal(res.body.filter.maxResults, 1000);
  assert.equal(res.body.sort.supported, true);
  assert.equal(res.body.etag.supported, true);
  assert.equal(res.body.bulk.supported, true);
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
    [ENTERPRISE, GROUP, USER, ...Object.values(DISCOVERY)].sort(),
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

test('the discovery documents conform to their own schemas, published on /Schemas', async () => {
  const schemaOf = async (id: string) => (await t.scim.get(`/Schemas/${id}`)).body.attributes as Described[];
  const spc = (await t.scim.get('/ServiceProviderConfig')).body;
  assert.deepEqual(spc.schemas, [DISCOVERY.ServiceProviderConfig]);
  assert.deepEqual(conforms(spc, await schemaOf(DISCOVERY.ServiceProviderConfig), ''), []);
  const resourceTypeSchema = await schemaOf(DISCOVERY.ResourceType);
  for (const rt of (await t.scim.get('/ResourceTypes')).body.Resources)
    assert.deepEqual(conforms(rt, resourceTypeSchema, ''), []);
  const schemaSchema = await schemaOf(DISCOVERY.Schema);
  const schemas = (await t.scim.get('/Schemas')).body.Resources;
  assert.equal(schemas.length, 6);
  for (const schema of schemas) assert.deepEqual(conforms(schema, schemaSchema, ''), [], schema.id);
  // The validator is not vacuous: an undescribed key is caught.
  assert.deepEqual(conforms({ paging: {} }, await schemaOf(DISCOVERY.ServiceProviderConfig), ''), [
    'paging is not described',
  ]);
});
