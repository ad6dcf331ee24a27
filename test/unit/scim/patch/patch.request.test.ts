import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { ErrorCode } from '../../../../src/errors/catalog.ts';
import { MAX_OPERATIONS, PATCH_OP_SCHEMA, parsePatchRequest } from '../../../../src/scim/patch/index.ts';
import { GROUP_RESOURCE, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';

const body = (Operations: unknown) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const remove = { op: 'remove', path: 'title' };

describe('parsePatchRequest: accepted messages (RFC 7644 §3.5.2)', () => {
  test('op names are case-insensitive (Entra sends "Add", "Replace", "Remove")', () => {
    const ops = parsePatchRequest(
      USER_RESOURCE,
      body([
        { op: 'Add', path: 'nickName', value: 'Babs' },
        { op: 'REPLACE', value: { active: false } },
        { op: 'Remove', path: 'title' },
      ]),
    );
    assert.deepEqual(
      ops.map((op) => op.op),
      ['add', 'replace', 'remove'],
    );
    assert.equal(ops[1]?.path, undefined);
  });

  test('paths are resolved against the resource type', () => {
    const [op] = parsePatchRequest(GROUP_RESOURCE, body([{ op: 'remove', path: 'members[value eq "u-1"]' }]));
    assert.equal(op?.path?.kind, 'valuePath');
  });

  test('message attribute names are case-insensitive too', () => {
    const ops = parsePatchRequest(USER_RESOURCE, {
      Schemas: [PATCH_OP_SCHEMA.toUpperCase()],
      operations: [remove],
    });
    assert.equal(ops.length, 1);
  });

  test('a remove keeps its value only when one was sent', () => {
    const [plain, listed] = parsePatchRequest(
      GROUP_RESOURCE,
      body([
        { op: 'remove', path: 'members' },
        { op: 'remove', path: 'members', value: [{ value: 'u-1' }] },
      ]),
    );
    assert.equal(plain && 'value' in plain, false);
    assert.deepEqual(listed?.value, [{ value: 'u-1' }]);
  });

  test('null is a value for add and replace, and a null path means no path', () => {
    const [op] = parsePatchRequest(USER_RESOURCE, body([{ op: 'replace', path: null, value: null }]));
    assert.deepEqual(op, { op: 'replace', value: null });
  });

  test(`accepts ${MAX_OPERATIONS} operations (Okta batches up to 1000 membership changes)`, () => {
    assert.equal(
      parsePatchRequest(USER_RESOURCE, body(Array(MAX_OPERATIONS).fill(remove))).length,
      MAX_OPERATIONS,
    );
  });
});

describe('parsePatchRequest: rejected messages', () => {
  const cases: { title: string; body: unknown; error: ErrorCode }[] = [
    { title: 'a body that is not an object', body: [remove], error: 'invalidSyntax' },
    { title: 'no schemas', body: { Operations: [remove] }, error: 'invalidSyntax' },
    {
      title: 'schemas without the PatchOp URN',
      body: { schemas: ['urn:x'], Operations: [remove] },
      error: 'invalidSyntax',
    },
    { title: 'no Operations', body: { schemas: [PATCH_OP_SCHEMA] }, error: 'invalidSyntax' },
    { title: 'empty Operations', body: body([]), error: 'invalidSyntax' },
    { title: 'Operations that is not an array', body: body(remove), error: 'invalidSyntax' },
    {
      title: `more than ${MAX_OPERATIONS} operations`,
      body: body(Array(MAX_OPERATIONS + 1).fill(remove)),
      error: 'invalidSyntax',
    },
    { title: 'an operation that is not an object', body: body(['remove']), error: 'invalidSyntax' },
    { title: 'an unknown op', body: body([{ op: 'move', path: 'title' }]), error: 'invalidSyntax' },
    { title: 'a missing op', body: body([{ path: 'title' }]), error: 'invalidSyntax' },
    {
      title: 'add without a value (RFC 7644 §3.5.2.1)',
      body: body([{ op: 'add', path: 'title' }]),
      error: 'invalidSyntax',
    },
    {
      title: 'replace without a value (RFC 7644 §3.5.2.3)',
      body: body([{ op: 'replace' }]),
      error: 'invalidSyntax',
    },
    { title: 'a path that is not a string', body: body([{ op: 'remove', path: 7 }]), error: 'invalidSyntax' },
    {
      title: 'an unknown attribute in the path',
      body: body([{ op: 'remove', path: 'shoeSize' }]),
      error: 'invalidPath',
    },
    {
      title: 'a malformed filter in the path',
      body: body([{ op: 'remove', path: 'emails[type eq]' }]),
      error: 'invalidFilter',
    },
    {
      title: 'a __proto__ key anywhere',
      body: JSON.parse(
        `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"add","value":{"name":{"__proto__":{"x":1}}}}]}`,
      ),
      error: 'invalidSyntax',
    },
    {
      title: 'a constructor key anywhere',
      body: body([{ op: 'add', value: { constructor: { prototype: 1 } } }]),
      error: 'invalidSyntax',
    },
  ];
  for (const c of cases) {
    test(`${c.title} is ${c.error}`, () => {
      assert.throws(
        () => parsePatchRequest(USER_RESOURCE, c.body),
        (error) => error instanceof AppError && error.code === c.error,
      );
    });
  }
});
