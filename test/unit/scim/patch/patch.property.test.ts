import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../../../../src/scim/errors.ts';
import { applyPatch, PATCH_OP_SCHEMA, parsePatchRequest } from '../../../../src/scim/patch/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';
import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { normalizeResource } from '../../../../src/scim/validate/index.ts';
import { BJENSEN, ENTERPRISE, TOUR_GUIDES } from './patch-cases.ts';

const RUNS = { numRuns: 500 };

interface Target {
  readonly rt: ResourceTypeDef;
  readonly docs: readonly ResourceDoc[];
  /** Paths that can succeed, and paths that must fail (readOnly, unknown, malformed). */
  readonly paths: readonly string[];
  readonly badPaths: readonly string[];
}

const USER: Target = {
  rt: USER_RESOURCE,
  docs: [BJENSEN, { userName: 'ada' }],
  paths: [
    'displayName',
    'active',
    'name',
    'name.givenName',
    'emails',
    'emails.value',
    'emails.primary',
    'emails[type eq "work"]',
    'emails[type eq "work"].value',
    'emails[type eq "home" and primary eq true].primary',
    'emails[value co "example"].display',
    'emails[type eq "x" or not (primary pr)].type',
    'addresses[type eq "home"].postalCode',
    'phoneNumbers[type eq "mobile"].value',
    'x509Certificates',
    'password',
    ENTERPRISE,
    `${ENTERPRISE}:manager`,
    `${ENTERPRISE}:manager.value`,
    `${ENTERPRISE}:department`,
  ],
  badPaths: [
    'userName',
    'id',
    'meta',
    'meta.created',
    'groups',
    'shoeSize',
    'emails[',
    'name[givenName eq "x"]',
  ],
};

const GROUP: Target = {
  rt: GROUP_RESOURCE,
  docs: [TOUR_GUIDES, { displayName: 'Empty' }],
  paths: [
    'members',
    'members.value',
    'members.type',
    'members[value eq "u-1"]',
    'members[type eq "User"].type',
  ],
  badPaths: ['displayName', 'id', 'members[value eq "u-1"].display'],
};

const scalar = fc.constantFrom<unknown>(
  'True',
  'False',
  true,
  false,
  null,
  '',
  'u-1',
  'work',
  7,
  '2020-01-01T00:00:00Z',
);
const element = fc.dictionary(
  fc.constantFrom('value', 'type', 'primary', 'display', '$ref', 'Value'),
  scalar,
  {
    minKeys: 1,
    maxKeys: 4,
  },
);
const elements = fc.array(element, { maxLength: 3 });

/** Values shaped like what IdPs send, path-less objects keyed by attribute paths, and arbitrary JSON. */
function values(target: Target): fc.Arbitrary<unknown> {
  const keys = fc.constantFrom(...target.paths, ...target.badPaths, 'schemas', 'nickname');
  const attrs = fc.dictionary(keys, fc.oneof(scalar, element, elements), { maxKeys: 3 });
  return fc.oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 3, arbitrary: element },
    { weight: 3, arbitrary: elements },
    { weight: 3, arbitrary: attrs },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Mostly well-formed operations, so that many requests get through and are checked afterwards. */
function operations(target: Target): fc.Arbitrary<unknown[]> {
  const op = fc.record({
    op: fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove') },
      { weight: 1, arbitrary: fc.constant('move') },
    ),
    path: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...target.paths) },
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...target.badPaths) },
    ),
    value: values(target),
  });
  return fc.array(op, { minLength: 1, maxLength: 4 });
}

function run(target: Target, doc: ResourceDoc, ops: unknown[]): ReturnType<typeof applyPatch> | ScimError {
  try {
    return applyPatch(
      target.rt,
      doc,
      parsePatchRequest(target.rt, { schemas: [PATCH_OP_SCHEMA], Operations: ops }),
    );
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
}

for (const target of [USER, GROUP]) {
  describe(`applyPatch properties on ${target.rt.name}`, () => {
    test('never modifies its input, and fails only with ScimError', () => {
      fc.assert(
        fc.property(fc.constantFrom(...target.docs), operations(target), (doc, ops) => {
          const before = structuredClone(doc);
          run(target, doc, ops);
          assert.deepEqual(doc, before);
        }),
        RUNS,
      );
    });

    test('a successful result is already a normalized document', () => {
      fc.assert(
        fc.property(fc.constantFrom(...target.docs), operations(target), (doc, ops) => {
          const result = run(target, doc, ops);
          if (result instanceof ScimError) return;
          assert.deepEqual(normalizeResource(target.rt, result.doc).doc, result.doc);
        }),
        RUNS,
      );
    });
  });
}
