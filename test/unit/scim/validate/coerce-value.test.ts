import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import {
  type AttributeDef,
  type AttributeType,
  attr,
  multiValued,
} from '../../../../src/scim/schema/index.ts';
import { coerceValue } from '../../../../src/scim/validate/index.ts';

const scalar = (type: Exclude<AttributeType, 'complex'>) => attr('x', type);

/** RFC 7643 §2.3: what each type accepts, as sent, and what it rejects. */
const TYPES: { type: Exclude<AttributeType, 'complex'>; ok: [unknown, unknown][]; bad: unknown[] }[] = [
  { type: 'string', ok: [['Ada', 'Ada']], bad: [1, true, {}, ['Ada']] },
  {
    type: 'reference',
    ok: [['https://example.com/v2/Users/1', 'https://example.com/v2/Users/1']],
    bad: [1, {}],
  },
  {
    type: 'boolean',
    ok: [
      [true, true],
      [false, false],
      ['True', true],
      ['FALSE', false],
    ],
    bad: ['yes', 'no', '1', 0, 1, {}],
  },
  {
    type: 'integer',
    ok: [
      [42, 42],
      [-1, -1],
    ],
    bad: [4.2, '42', Number.NaN, true],
  },
  {
    type: 'decimal',
    ok: [
      [4.2, 4.2],
      [3, 3],
    ],
    bad: ['4.2', Number.POSITIVE_INFINITY, false],
  },
  {
    type: 'dateTime',
    ok: [
      ['2011-05-13T04:42:34Z', '2011-05-13T04:42:34Z'],
      ['2011-05-13T04:42:34.123+02:00', '2011-05-13T04:42:34.123+02:00'],
      ['2011-05-13T04:42:34', '2011-05-13T04:42:34'],
    ],
    bad: ['2011-02-30T00:00:00Z', '2011-05-13', '2011-05-13T25:00:00Z', 'yesterday', 1305261754],
  },
  {
    type: 'binary',
    ok: [
      ['TUlJRA==', 'TUlJRA=='],
      ['TUlJRFF6', 'TUlJRFF6'],
    ],
    bad: ['TUlJRA', 'TUlJ RA==', 'TUlJRA-_', 7],
  },
];

function assertInvalidValue(def: AttributeDef, value: unknown): void {
  assert.throws(
    () => coerceValue(def, value, 'x'),
    (error) => error instanceof AppError && error.code === 'invalidValue' && error.message.includes('"x"'),
  );
}

describe('coerceValue: simple types (RFC 7643 §2.3)', () => {
  for (const { type, ok, bad } of TYPES) {
    for (const [input, output] of ok) {
      test(`${type} accepts ${JSON.stringify(input)}`, () =>
        assert.equal(coerceValue(scalar(type), input, 'x'), output));
    }
    for (const input of bad) {
      test(`${type} rejects ${JSON.stringify(input)} with invalidValue`, () =>
        assertInvalidValue(scalar(type), input));
    }
  }
  for (const value of [null, '', [], undefined]) {
    test(`${JSON.stringify(value)} is unassigned (RFC 7643 §2.5)`, () =>
      assert.equal(coerceValue(scalar('integer'), value, 'x'), undefined));
  }
});

describe('coerceValue: multi-valued and complex (RFC 7643 §2.4)', () => {
  const emails = multiValued('emails', '', ['work', 'home']);

  test('elements that are empty, or lack their value, are dropped; none left is unassigned', () => {
    assert.equal(coerceValue(emails, [null, '', {}, { type: 'work' }, { value: '' }], 'emails'), undefined);
  });

  test('element sub-attributes get canonical names and types', () => {
    assert.deepEqual(coerceValue(emails, [{ VALUE: 'a@example.com', Primary: 'true' }], 'emails'), [
      { value: 'a@example.com', primary: true },
    ]);
  });

  test('a single-valued attribute given an array is invalidValue', () =>
    assertInvalidValue(scalar('string'), ['a']));
  test('a bare value for an element is invalidValue', () => assertInvalidValue(emails, ['a@example.com']));
});
