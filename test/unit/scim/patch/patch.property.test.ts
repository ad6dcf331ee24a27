import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../../../src/errors/app-error.ts';
import { applyPatch, PATCH_OP_SCHEMA, parsePatchRequest } from '../../../../src/scim/patch/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';
import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { normalizeResource } from '../../../../src/scim/validate/index.ts';
import { BJENSEN, ENTERPRISE, TOUR_GUIDES } from './patch-cases.ts';

const RUNS = { numRuns: 500 };

const text = fc.constantFrom<unknown>('u-1', 'Ada', 'work', 'a@example.com', 'B@example.com', '', null);
const bool = fc.constantFrom<unknown>(true, false, 'True', 'False', null);
const typed = (types: string[]) =>
  fc.record(
    { value: text, type: fc.constantFrom(...types), primary: bool, display: text },
    { requiredKeys: [] },
  );
const email = typed(['work', 'home', '']);
const member = fc.record(
  { value: text, type: fc.constantFrom('User', 'Group'), display: text, $ref: text },
  {
    requiredKeys: ['value'],
  },
);

interface Target {
  readonly rt: ResourceTypeDef;
  readonly docs: readonly ResourceDoc[];
  /** Paths paired with values that fit them, so that many requests get through and are checked after. */
  readonly paths: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Paths that must fail: readOnly, unknown or malformed. */
  readonly badPaths: readonly string[];
}

const USER: Target = {
  rt: USER_RESOURCE,
  docs: [BJENSEN, { userName: 'ada' }],
  paths: {
    userName: text,
    displayName: text,
    active: bool,
    name: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
    'name.givenName': text,
    emails: fc.array(email, { maxLength: 3 }),
    'emails.value': text,
    'emails.primary': bool,
    'emails[type eq "work"]': email,
    'emails[type eq "work"].value': text,
    'emails[type eq "home" and primary eq true].primary': bool,
    'emails[value co "example"].display': text,
    'emails[type eq "x" or not (primary pr)].type': text,
    'addresses[type eq "home"].postalCode': text,
    'phoneNumbers[type eq "mobile"].value': text,
    x509Certificates: fc.array(fc.record({ value: fc.constantFrom('TUlJRA==', 'bad!') }), { maxLength: 2 }),
    password: text,
    [ENTERPRISE]: fc.record({ department: text, employeeNumber: text }, { requiredKeys: [] }),
    [`${ENTERPRISE}:manager`]: fc.oneof(
      text,
      fc.record({ value: text }),
      fc.tuple(fc.record({ value: text })),
    ),
    [`${ENTERPRISE}:manager.value`]: text,
    [`${ENTERPRISE}:department`]: text,
  },
  badPaths: ['id', 'meta', 'meta.created', 'groups', 'shoeSize', 'emails[', 'name[givenName eq "x"]'],
};

const GROUP: Target = {
  rt: GROUP_RESOURCE,
  docs: [TOUR_GUIDES, { displayName: 'Empty', members: [{ value: 'u-1' }] }],
  paths: {
    displayName: text,
    members: fc.array(member, { maxLength: 3 }),
    'members.type': fc.constantFrom('User', 'Group'),
    'members[value eq "u-1"]': member,
    'members[type eq "User"].type': fc.constantFrom('User', 'Group'),
  },
  badPaths: ['id', 'members.display', 'members[value eq "u-1"].display'],
};

function operation(target: Target): fc.Arbitrary<unknown> {
  const name = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove') },
    { weight: 1, arbitrary: fc.constant('move') },
  );
  const anyValue = fc.jsonValue({ maxDepth: 3 });
  const withPath = fc.constantFrom(...Object.keys(target.paths)).chain((path) =>
    fc.record({
      op: name,
      path: fc.constant(path),
      value: fc.oneof(
        { weight: 8, arbitrary: target.paths[path] ?? anyValue },
        { weight: 1, arbitrary: anyValue },
      ),
    }),
  );
  // Path-less values are keyed by attribute paths, filters excluded (idp-behaviour §6.15).
  const keys = Object.keys(target.paths).filter((path) => !path.includes('['));
  const pathless = fc.record({
    op: name,
    value: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, target.paths[k] ?? anyValue])), {
          requiredKeys: [],
        }),
      },
      { weight: 1, arbitrary: anyValue },
    ),
  });
  const bad = fc.record({ op: name, path: fc.constantFrom(...target.badPaths), value: anyValue });
  return fc.oneof(
    { weight: 8, arbitrary: withPath },
    { weight: 3, arbitrary: pathless },
    { weight: 1, arbitrary: bad },
  );
}

function operations(target: Target): fc.Arbitrary<unknown[]> {
  return fc.array(operation(target), { minLength: 1, maxLength: 4 });
}

function run(target: Target, doc: ResourceDoc, ops: unknown[]): ReturnType<typeof applyPatch> | AppError {
  try {
    return applyPatch(
      target.rt,
      { id: 'patched-id', doc },
      parsePatchRequest(target.rt, { schemas: [PATCH_OP_SCHEMA], Operations: ops }),
    );
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

for (const target of [USER, GROUP]) {
  describe(`applyPatch properties on ${target.rt.name}`, () => {
    test('never modifies its input, and fails only with AppError', () => {
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
          if (result instanceof AppError) return;
          assert.deepEqual(normalizeResource(target.rt, result.doc).doc, result.doc);
        }),
        RUNS,
      );
    });
  });
}
