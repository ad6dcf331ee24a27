import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import { describeResourceType, describeSchema, schemasOf } from '../../../../src/scim/discovery/schemas.ts';
import { matchesFilter, parseFilter } from '../../../../src/scim/filter/index.ts';
import { parseListQuery } from '../../../../src/scim/list/list-query.ts';
import { applyPatch, parsePatchRequest } from '../../../../src/scim/patch/index.ts';
import { parsePolicy } from '../../../../src/scim/policy/index.ts';
import { parseAttributeList, projectResource } from '../../../../src/scim/project/index.ts';
import { normalizeResource } from '../../../../src/scim/validate/index.ts';

const ACME = 'urn:example:scim:schemas:acme:1.0:User';
const TEAM = 'urn:example:scim:schemas:acme:1.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A tenant with its own User extension (badge, clearance, a writeOnly pin, a complex desk) and a Group one. */
const policy = parsePolicy({
  extensions: [
    {
      id: ACME,
      name: 'AcmeUser',
      description: 'What Acme keeps about a person.',
      attributes: [
        { name: 'badge', type: 'string', required: true, uniqueness: 'server', caseExact: true },
        { name: 'clearance', type: 'integer', canonicalValues: ['1', '2', '3'] },
        { name: 'pin', type: 'string', mutability: 'writeOnly' },
        { name: 'hiredOn', type: 'dateTime', returned: 'request' },
        {
          name: 'desks',
          type: 'complex',
          multiValued: true,
          subAttributes: [
            { name: 'value', type: 'string' },
            { name: 'floor', type: 'integer' },
          ],
        },
      ],
    },
    {
      id: TEAM,
      name: 'AcmeGroup',
      resourceType: 'Group',
      required: true,
      attributes: [{ name: 'cost', type: 'decimal' }],
    },
  ],
});
const { User, Group } = policy.resourceTypes;

const created = normalizeResource(User, {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ACME],
  userName: 'ada',
  [ACME]: {
    Badge: 'B-7',
    clearance: 2,
    pin: '1234',
    hiredOn: '2024-01-02T03:04:05Z',
    desks: [{ value: 'D1', floor: 3 }],
  },
}).doc;

/** The one place this file calls the PATCH engine. */
function patchCreated(ops: ReturnType<typeof parsePatchRequest>) {
  return applyPatch(User, { id: '1', doc: created }, ops);
}

function invalid(scimType: string) {
  return (error: unknown) => error instanceof AppError && error.code === scimType;
}

describe('a tenant’s own extensions', () => {
  test('are published on /Schemas and /ResourceTypes with their characteristics', () => {
    assert.deepEqual(
      schemasOf([User, Group]).map((s) => s.id),
      [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        ACME,
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        TEAM,
      ],
    );
    const schema = describeSchema(User.extensions.at(-1)?.schema ?? assert.fail(), 'https://x/scim/v2');
    assert.equal(schema.id, ACME);
    assert.deepEqual((schema.attributes as Record<string, unknown>[])[0], {
      name: 'badge',
      type: 'string',
      multiValued: false,
      description: '',
      required: true,
      caseExact: true,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    assert.equal(
      (schema.attributes as Record<string, unknown>[])[2]?.returned,
      'never',
      'writeOnly: never returned',
    );
    assert.deepEqual(describeResourceType(Group, 'https://x/scim/v2').schemaExtensions, [
      { schema: TEAM, required: true },
    ]);
    assert.deepEqual(
      (describeResourceType(User, 'https://x/scim/v2').schemaExtensions as unknown[]).length,
      2,
      'Enterprise and Acme',
    );
  });

  test('validate bodies: canonical names, types, required attributes and required extensions', () => {
    assert.deepEqual(created[ACME], {
      badge: 'B-7',
      clearance: 2,
      pin: '1234',
      hiredOn: '2024-01-02T03:04:05Z',
      desks: [{ value: 'D1', floor: 3 }],
    });
    assert.throws(
      () => normalizeResource(User, { userName: 'a', [ACME]: { badge: 'x', clearance: 'two' } }),
      invalid('invalidValue'),
    );
    assert.throws(
      () => normalizeResource(User, { userName: 'a', [ACME]: { clearance: 1 } }),
      /"badge" is required/,
    );
    assert.throws(
      () => normalizeResource(User, { userName: 'a', [ACME]: { badge: 'x', shoe: 9 } }),
      invalid('invalidSyntax'),
    );
    assert.throws(
      () => normalizeResource(Group, { displayName: 'Ops' }),
      /extension ".*acme:1.0:Group" is required/,
    );
    assert.deepEqual(normalizeResource(Group, { displayName: 'Ops', [TEAM]: { cost: 1.5 } }).doc, {
      displayName: 'Ops',
      [TEAM]: { cost: 1.5 },
    });
  });

  test('filter like core attributes, by URN or by bare name, caseExact as defined', () => {
    const holds = (filter: string) => matchesFilter(parseFilter(User, filter), created);
    assert.equal(holds(`${ACME}:badge eq "B-7"`), true);
    assert.equal(holds('badge eq "B-7"'), true);
    assert.equal(holds('badge eq "b-7"'), false, 'caseExact');
    assert.equal(holds('clearance ge 2 and clearance lt 3'), true);
    assert.equal(holds(`${ACME}:desks[floor eq 3 and value sw "D"]`), true);
    assert.equal(holds('hiredOn gt "2024-01-01T00:00:00Z"'), true);
    assert.throws(() => parseFilter(User, 'clearance co "2"'), invalid('invalidFilter'));
  });

  test('sort by their attributes', () => {
    const query = parseListQuery(User, { sortBy: `${ACME}:clearance` }, { defaultCount: 10, maxCount: 10 });
    assert.equal(query.sortBy?.attr.name, 'clearance');
    assert.equal(query.sortBy?.schema, ACME);
  });

  test('PATCH by every path form', () => {
    const ops = parsePatchRequest(User, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: `${ACME}:clearance`, value: 3 },
        { op: 'replace', path: `${ACME}:desks[value eq "D1"].floor`, value: 4 },
        { op: 'add', value: { [`${ACME}:hiredOn`]: '2025-01-01T00:00:00Z' } },
        { op: 'remove', path: 'pin' },
      ],
    });
    const { doc } = patchCreated(ops);
    assert.deepEqual(doc[ACME], {
      badge: 'B-7',
      clearance: 3,
      hiredOn: '2025-01-01T00:00:00Z',
      desks: [{ value: 'D1', floor: 4 }],
    });
    const removeBadge = parsePatchRequest(User, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: 'badge' }],
    });
    assert.throws(() => patchCreated(removeBadge), /"badge" is required/);
  });

  test('project by returned: writeOnly never, request only when asked', () => {
    const resource = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ACME], id: '1', ...created };
    const plain = projectResource(User, resource, { attributes: [], excludedAttributes: [] });
    assert.deepEqual(plain[ACME], { badge: 'B-7', clearance: 2, desks: [{ value: 'D1', floor: 3 }] });
    const asked = projectResource(User, resource, {
      attributes: parseAttributeList(User, `${ACME}:hiredOn`),
      excludedAttributes: [],
    });
    assert.deepEqual(asked[ACME], { hiredOn: '2024-01-02T03:04:05Z' });
  });

  test('one tenant’s attributes are not another’s', () => {
    const plain = parsePolicy({}).resourceTypes.User;
    assert.throws(
      () => normalizeResource(plain, { userName: 'a', [ACME]: { badge: 'x' } }),
      invalid('invalidSyntax'),
    );
    assert.throws(() => parseFilter(plain, 'badge eq "x"'), invalid('invalidFilter'));
  });
});
