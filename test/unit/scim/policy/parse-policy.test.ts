import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { POLICY_JSON_SCHEMA, PolicyError, parsePolicy } from '../../../../src/scim/policy/index.ts';
import { USER_RESOURCE } from '../../../../src/scim/schema/index.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePolicy', () => {
  test('{} is plain RFC 7643', () => {
    const policy = parsePolicy({});
    assert.deepEqual(
      { ...policy, resourceTypes: undefined },
      {
        lifecycle: { deactivate: 'disable', delete: { mode: 'hard' } },
        attributes: { restrictions: [], required: [], externalIdUnique: false },
        roles: undefined,
        emailDomains: undefined,
        formats: { preferredLanguage: 'any', country: 'any' },
        passwordSync: false,
        groupDisplayNames: 'rfc',
        linkBy: [],
        resourceTypes: undefined,
      },
    );
    assert.equal(policy.resourceTypes.User, USER_RESOURCE, 'no extension: the RFC definitions themselves');
  });

  const refused: [title: string, policy: unknown, pointer: string, reason: RegExp][] = [
    ['not an object', [], '', /expected object/],
    ['an unknown field', { lifecycle: { deactivate: 'archive' }, lifecyle: {} }, '/lifecyle', /not a field/],
    [
      'an unknown nested field',
      { roles: { attribute: 'userType', allowed: ['A'], defualt: 'A' } },
      '/roles/defualt',
      /not a field/,
    ],
    [
      'a value outside an enumeration',
      { lifecycle: { deactivate: 'archived' } },
      '/lifecycle/deactivate',
      /one of "disable", "archive"/,
    ],
    ['a missing required field', { roles: { attribute: 'userType' } }, '/roles/allowed', /is required/],
    [
      'an empty attribute path',
      { attributes: { ignore: ['nickName', ''] } },
      '/attributes/ignore/1',
      /must not be empty/,
    ],
    [
      'a path that is not a string',
      { attributes: { ignore: ['nickName', 'title', 3] } },
      '/attributes/ignore/2',
      /expected string/,
    ],
    [
      'a repeated path',
      { attributes: { ignore: ['nickName', 'nickName'] } },
      '/attributes/ignore',
      /same value twice/,
    ],
    [
      'an attribute of no schema',
      { attributes: { ignore: ['nickName', 'title', 'nickname2'] } },
      '/attributes/ignore/2',
      /"nickname2" is not an attribute of User/,
    ],
    [
      'an unknown sub-attribute',
      { attributes: { supported: ['name.nickName'] } },
      '/attributes/supported/0',
      /not an attribute/,
    ],
    [
      'ignoring userName',
      { attributes: { ignore: ['userName'] } },
      '/attributes/ignore/0',
      /needed by SCIM itself/,
    ],
    [
      'ignoring active',
      { attributes: { ignore: ['active'] } },
      '/attributes/ignore/0',
      /needed by SCIM itself/,
    ],
    [
      'the password in a list',
      { attributes: { ignore: ['password'] } },
      '/attributes/ignore/0',
      /\/passwords\/sync/,
    ],
    [
      'a readOnly attribute in a list',
      { attributes: { ignore: ['groups'] } },
      '/attributes/ignore/0',
      /readOnly/,
    ],
    [
      'a readOnly sub-attribute in a list',
      { attributes: { ignore: ['manager.displayName'] } },
      '/attributes/ignore/0',
      /readOnly/,
    ],
    [
      'one path supported and ignored',
      { attributes: { supported: ['title'], ignore: ['title'] } },
      '/attributes/ignore/0',
      /also in \/attributes\/supported/,
    ],
    [
      'one path ignored twice, in two spellings',
      { attributes: { ignore: ['nickName', 'NICKNAME'] } },
      '/attributes/ignore/1',
      /"nickName" is listed twice/,
    ],
    [
      'a bad required filter',
      { attributes: { required: ['emails[primary eq]'] } },
      '/attributes/required/0',
      /after 'eq'/,
    ],
    [
      'a required path of no schema',
      { attributes: { required: ['name.nick'] } },
      '/attributes/required/0',
      /unknown attribute/,
    ],
    [
      'a whole extension as required',
      { attributes: { required: [ENTERPRISE] } },
      '/attributes/required/0',
      /make the extension itself required/,
    ],
    [
      'a default role not allowed',
      { roles: { attribute: 'userType', allowed: ['Admin'], default: 'Guest' } },
      '/roles/default',
      /"Guest" is not one of/,
    ],
    [
      'a role attribute that is ignored',
      { roles: { attribute: 'userType', allowed: ['A'] }, attributes: { ignore: ['userType'] } },
      '/roles/attribute',
      /not supported/,
    ],
    [
      'a role attribute outside supported',
      { roles: { attribute: 'roles', allowed: ['A'] }, attributes: { supported: ['title'] } },
      '/roles/attribute',
      /not supported/,
    ],
    [
      'a bad email domain',
      { organization: { emailDomains: ['example.com', '@example.org'] } },
      '/organization/emailDomains/1',
      /must be a domain name such as example.com/,
    ],
    [
      'restoring after a hard delete',
      { lifecycle: { restoreDeletedBy: ['userName'] } },
      '/lifecycle/restoreDeletedBy',
      /soft delete/,
    ],
    [
      'an unknown format',
      { formats: { preferredLanguage: 'iso639-2' } },
      '/formats/preferredLanguage',
      /one of "any", "iso639-1", "bcp47"/,
    ],
    [
      'an unknown group rule',
      { groups: { displayName: 'merge' } },
      '/groups/displayName',
      /one of "rfc", "unique", "link"/,
    ],
    [
      'a password sync that is not a boolean',
      { passwords: { sync: 'yes' } },
      '/passwords/sync',
      /expected boolean/,
    ],
    [
      'an unknown linking key',
      { linking: { match: ['userName', 'phone'] } },
      '/linking/match/1',
      /one of "userName", "email"/,
    ],
    [
      'an extension id that is not a URN',
      { extensions: [ext({ id: 'acme' })] },
      '/extensions/0/id',
      /must be a schema URN/,
    ],
    [
      'an extension attribute with a bad name',
      { extensions: [ext({ attributes: [{ name: '1st', type: 'string' }] })] },
      '/extensions/0/attributes/0/name',
      /must be an attribute name/,
    ],
    [
      'an extension attribute of an unknown type',
      { extensions: [ext({ attributes: [{ name: 'a', type: 'text' }] })] },
      '/extensions/0/attributes/0/type',
      /one of "string"/,
    ],
    [
      'a readOnly extension attribute',
      { extensions: [ext({ attributes: [{ name: 'a', type: 'string', mutability: 'readOnly' }] })] },
      '/extensions/0/attributes/0/mutability',
      /one of "readWrite"/,
    ],
    [
      'global uniqueness',
      { extensions: [ext({ attributes: [{ name: 'a', type: 'string', uniqueness: 'global' }] })] },
      '/extensions/0/attributes/0/uniqueness',
      /one of "none", "server"/,
    ],
    [
      'a complex attribute without sub-attributes',
      { extensions: [ext({ attributes: [{ name: 'a', type: 'complex' }] })] },
      '/extensions/0/attributes/0',
      /needs subAttributes/,
    ],
    [
      'sub-attributes of a string',
      {
        extensions: [
          ext({
            attributes: [{ name: 'a', type: 'string', subAttributes: [{ name: 'b', type: 'string' }] }],
          }),
        ],
      },
      '/extensions/0/attributes/0/subAttributes',
      /no sub-attributes/,
    ],
    [
      'a complex sub-attribute',
      {
        extensions: [
          ext({
            attributes: [{ name: 'a', type: 'complex', subAttributes: [{ name: 'b', type: 'complex' }] }],
          }),
        ],
      },
      '/extensions/0/attributes/0/subAttributes/0/type',
      /one of "string"/,
    ],
    [
      'an attribute defined twice',
      {
        extensions: [
          ext({
            attributes: [
              { name: 'badge', type: 'string' },
              { name: 'Badge', type: 'integer' },
            ],
          }),
        ],
      },
      '/extensions/0/attributes/1/name',
      /defined twice/,
    ],
    [
      'a writeOnly attribute that is returned',
      {
        extensions: [
          ext({
            attributes: [{ name: 'pin', type: 'string', mutability: 'writeOnly', returned: 'default' }],
          }),
        ],
      },
      '/extensions/0/attributes/0/returned',
      /never returned/,
    ],
    [
      'referenceTypes on a string',
      { extensions: [ext({ attributes: [{ name: 'a', type: 'string', referenceTypes: ['external'] }] })] },
      '/extensions/0/attributes/0/referenceTypes',
      /only an attribute of type reference/,
    ],
    [
      'the Enterprise URN again',
      { extensions: [ext({ id: ENTERPRISE })] },
      '/extensions/0/id',
      /already a schema of User/,
    ],
    [
      'one URN twice',
      { extensions: [ext({}), ext({ name: 'Again' })] },
      '/extensions/0/id',
      /already a schema of User/,
    ],
    [
      'a URN that prefixes another',
      { extensions: [ext({}), ext({ id: 'urn:example:acme:1.0:User:hr' })] },
      '/extensions/0/id',
      /must not be prefixes/,
    ],
    [
      'a URN under the core User URN',
      { extensions: [ext({ id: 'urn:ietf:params:scim:schemas:core:2.0:User:acme' })] },
      '/extensions/0/id',
      /must not be prefixes/,
    ],
    [
      'a list of a tenant extension attribute',
      { extensions: [ext({})], attributes: { ignore: ['badge'] } },
      '/attributes/ignore/0',
      /always supported/,
    ],
  ];
  for (const [title, policy, pointer, reason] of refused) {
    test(`refuses ${title}, naming ${pointer || 'the policy'}`, () => {
      assert.throws(
        () => parsePolicy(policy),
        (error: unknown) => {
          assert.ok(error instanceof PolicyError, String(error));
          assert.equal(error.pointer, pointer);
          assert.match(error.reason, reason);
          assert.equal(error.message, `${pointer || 'the policy'}: ${error.reason}`);
          return true;
        },
      );
    });
  }

  test('the same URN may extend both User and Group', () => {
    const policy = parsePolicy({ extensions: [ext({}), ext({ resourceType: 'Group' })] });
    assert.equal(policy.resourceTypes.User.extensions.at(-1)?.schema.id, 'urn:example:acme:1.0:User');
    assert.equal(policy.resourceTypes.Group.extensions.at(-1)?.schema.id, 'urn:example:acme:1.0:User');
  });

  test('fills lifecycle, formats, roles and domains as written', () => {
    const policy = parsePolicy({
      lifecycle: { deactivate: 'archive', delete: 'soft', restoreDeletedBy: ['externalId'] },
      roles: { attribute: 'roles', allowed: ['Admin', 'Guest'], default: 'Guest' },
      organization: { emailDomains: ['Example.COM'] },
      formats: { preferredLanguage: 'bcp47', country: 'iso3166-1-alpha-2' },
      passwords: { sync: true },
      groups: { displayName: 'link' },
      linking: { match: ['userName', 'email'] },
      attributes: { externalIdUnique: true },
    });
    assert.deepEqual(policy.lifecycle, {
      deactivate: 'archive',
      delete: { mode: 'soft', restoreBy: ['externalId'] },
    });
    assert.deepEqual(policy.roles, { attribute: 'roles', allowed: ['Admin', 'Guest'], default: 'Guest' });
    assert.deepEqual(policy.emailDomains, ['example.com']);
    assert.deepEqual(policy.formats, { preferredLanguage: 'bcp47', country: 'iso3166-1-alpha-2' });
    assert.equal(policy.passwordSync, true);
    assert.equal(policy.groupDisplayNames, 'link');
    assert.deepEqual(policy.linkBy, ['userName', 'email']);
    assert.equal(policy.attributes.externalIdUnique, true);
  });
});

describe('the seed policies in examples/policies', () => {
  const dir = 'examples/policies';
  const files = readdirSync(dir).sort();
  test('there is one per seed app', () => {
    assert.deepEqual(files, [
      'condeco.json',
      'declaree.json',
      'docuware.json',
      'powerdms.json',
      'process-street.json',
    ]);
  });
  for (const file of files) {
    test(`${file} parses`, () => {
      const policy = parsePolicy(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
      assert.ok(policy.lifecycle);
    });
  }
});

test('docs/policy.schema.json is the published schema, as generated', () => {
  assert.deepEqual(
    JSON.parse(readFileSync('docs/policy.schema.json', 'utf8')),
    JSON.parse(JSON.stringify(POLICY_JSON_SCHEMA)),
  );
});

function ext(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'urn:example:acme:1.0:User',
    name: 'AcmeUser',
    attributes: [{ name: 'badge', type: 'string' }],
    ...overrides,
  };
}
