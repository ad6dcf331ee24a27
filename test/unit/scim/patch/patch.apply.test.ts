import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import { attr, complex, type ResourceTypeDef, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { BJENSEN, patch, runCases, withAttrs } from './patch-cases.ts';

describe('applyPatch: atomicity and results (RFC 7644 §3.5.2)', () => {
  test('a failing operation leaves no trace of the ones before it', () => {
    const before = structuredClone(BJENSEN);
    assert.throws(
      () =>
        patch(USER_RESOURCE, BJENSEN, [
          { op: 'replace', path: 'displayName', value: 'Renamed' },
          { op: 'replace', path: 'active', value: 'maybe' },
        ]),
      (error) => error instanceof AppError && error.code === 'invalidValue',
    );
    assert.deepEqual(BJENSEN, before);
  });

  test('the result shares no objects with the input', () => {
    const { doc } = patch(USER_RESOURCE, BJENSEN, [{ op: 'replace', path: 'title', value: 'x' }]);
    (doc.name as Record<string, unknown>).givenName = 'Changed';
    (doc.emails as unknown[]).pop();
    assert.equal((BJENSEN.name as Record<string, unknown>).givenName, 'Barbara');
    assert.equal((BJENSEN.emails as unknown[]).length, 2);
  });

  test('the last password set wins', () => {
    const result = patch(USER_RESOURCE, BJENSEN, [
      { op: 'replace', path: 'password', value: 'first' },
      { op: 'replace', value: { password: 'second' } },
    ]);
    assert.equal(result.password, 'second');
    assert.equal('password' in result.doc, false);
  });

  test('operations run in order: a later one sees an earlier one’s result', () => {
    const result = patch(USER_RESOURCE, BJENSEN, [
      { op: 'remove', path: 'emails' },
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', primary: true }] },
    ]);
    assert.deepEqual(result.doc.emails, [{ value: 'new@example.com', primary: true }]);
  });
});

/** A small schema to exercise RFC 7643 §7 `immutable`, which core User lacks. */
const BADGE_RESOURCE: ResourceTypeDef = {
  ...USER_RESOURCE,
  schema: {
    ...USER_RESOURCE.schema,
    attributes: [
      ...USER_RESOURCE.schema.attributes,
      attr('badge', 'string', { mutability: 'immutable' }),
      complex('employment', [attr('hired', 'dateTime', { mutability: 'immutable' }), attr('site', 'string')]),
    ],
  },
};
const badged = withAttrs(BJENSEN, {
  badge: 'B-1',
  employment: { hired: '2020-01-01T00:00:00Z', site: 'HQ' },
});

describe('applyPatch: immutable attributes (RFC 7643 §7, RFC 7644 §3.5.2)', () => {
  runCases([
    {
      title: 'an immutable attribute may be added when it has no value',
      rt: BADGE_RESOURCE,
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'badge', value: 'B-1' }],
      expect: withAttrs(BJENSEN, { badge: 'B-1' }),
    },
    {
      title: 'an immutable attribute set again to its value is fine',
      rt: BADGE_RESOURCE,
      doc: badged,
      ops: [{ op: 'replace', path: 'badge', value: 'B-1' }],
      expect: badged,
      changed: false,
    },
    {
      title: 'changing an immutable attribute is mutability',
      rt: BADGE_RESOURCE,
      doc: badged,
      ops: [{ op: 'replace', path: 'badge', value: 'B-2' }],
      error: 'mutability',
    },
    {
      title: 'removing an immutable attribute is mutability',
      rt: BADGE_RESOURCE,
      doc: badged,
      ops: [{ op: 'remove', path: 'badge' }],
      error: 'mutability',
    },
    {
      title: 'changing an immutable sub-attribute is mutability',
      rt: BADGE_RESOURCE,
      doc: badged,
      ops: [{ op: 'replace', path: 'employment.hired', value: '2021-01-01T00:00:00Z' }],
      error: 'mutability',
    },
    {
      title: 'the mutable sub-attributes next to it can change',
      rt: BADGE_RESOURCE,
      doc: badged,
      ops: [{ op: 'replace', path: 'employment', value: { site: 'Remote' } }],
      expect: withAttrs(badged, { employment: { hired: '2020-01-01T00:00:00Z', site: 'Remote' } }),
    },
  ]);
});
