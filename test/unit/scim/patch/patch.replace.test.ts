import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import { applyPatch } from '../../../../src/scim/patch/index.ts';
import { GROUP_RESOURCE, resolveAttrPath, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { TEST_RESOURCE, TEST_SCHEMA } from '../../../support/test-resource.ts';
import { BABS, BJENSEN, JAMES, runCases, TOUR_GUIDES, withAttrs } from './patch-cases.ts';

const [workAddress, homeAddress] = BJENSEN.addresses as [object, object];

describe('PATCH replace: RFC 7644 §3.5.2.3 examples', () => {
  runCases([
    {
      title: '§3.5.2.3 replaces all members',
      rt: GROUP_RESOURCE,
      doc: TOUR_GUIDES,
      ops: [
        {
          op: 'replace',
          path: 'members',
          value: [
            { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS },
            { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES },
          ],
        },
      ],
      expect: { displayName: 'Tour Guides', members: [{ value: BABS }, { value: JAMES }] },
    },
    {
      title: '§3.5.2.3 replaces the work address',
      doc: BJENSEN,
      ops: [
        {
          op: 'replace',
          path: 'addresses[type eq "work"]',
          value: {
            type: 'work',
            streetAddress: '911 Universal City Plaza',
            locality: 'Hollywood',
            region: 'CA',
            postalCode: '91608',
            country: 'US',
            formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
            primary: true,
          },
        },
      ],
      expect: withAttrs(BJENSEN, {
        addresses: [
          {
            type: 'work',
            streetAddress: '911 Universal City Plaza',
            locality: 'Hollywood',
            region: 'CA',
            postalCode: '91608',
            country: 'US',
            formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
            primary: true,
          },
          homeAddress,
        ],
      }),
    },
    {
      title: '§3.5.2.3 replaces addresses[type eq "work"].streetAddress',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }],
      expect: withAttrs(BJENSEN, {
        addresses: [{ ...workAddress, streetAddress: '1010 Broadway Ave' }, homeAddress],
      }),
    },
    {
      title: '§3.5.2.3 a path-less replace replaces each attribute named (emails whole, nickname)',
      doc: withAttrs(BJENSEN, { emails: [{ value: 'old@example.com', type: 'other' }] }),
      ops: [
        {
          op: 'replace',
          value: {
            emails: [
              { value: 'bjensen@example.com', type: 'work', primary: true },
              { value: 'babs@jensen.org', type: 'home' },
            ],
            nickname: 'Babs',
          },
        },
      ],
      expect: BJENSEN,
    },
    {
      title: '§3.5.2.3 replacing a complex attribute leaves the sub-attributes not given unchanged',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'name', value: { givenName: 'Barb', formatted: '' } }],
      expect: withAttrs(BJENSEN, { name: { familyName: 'Jensen', givenName: 'Barb' } }),
    },
    {
      title: '§3.5.2.3 replacing an attribute that has no value adds it',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'title', value: 'Tour Guide' }],
      expect: withAttrs(BJENSEN, { title: 'Tour Guide' }),
    },
  ]);
});

describe('PATCH replace: filters that match nothing (idp-behaviour §6.16)', () => {
  runCases([
    {
      title: 'emails[type eq "other"].value adds an email of that type',
      doc: BJENSEN,
      ops: [{ op: 'Replace', path: 'emails[type eq "other"].value', value: 'babs@example.org' }],
      expect: withAttrs(BJENSEN, {
        emails: [...(BJENSEN.emails as unknown[]), { type: 'other', value: 'babs@example.org' }],
      }),
    },
    {
      title: 'phoneNumbers[type eq "mobile"].value on a user without phones adds the phone',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }],
      expect: withAttrs(BJENSEN, { phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }] }),
    },
    {
      title: 'addresses[type eq "other"].postalCode adds an address holding the filter’s values',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'addresses[type eq "other"].postalCode', value: '90210' }],
      expect: withAttrs(BJENSEN, {
        addresses: [workAddress, homeAddress, { type: 'other', postalCode: '90210' }],
      }),
    },
    {
      title: 'a whole element replaced by filter keeps the filter’s eq values',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails[type eq "work"]', value: { value: 'babs@example.com' } }],
      expect: withAttrs(BJENSEN, {
        emails: [
          { type: 'work', value: 'babs@example.com' },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    },
    {
      title: 'a filter that does not pin its values with eq is noTarget (RFC 7644 §3.5.2.3)',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails[value co "nowhere"].display', value: 'x' }],
      error: 'noTarget',
    },
    {
      title: 'an "or" filter matching nothing is noTarget',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails[type eq "other" or type eq "x"].value', value: 'x@example.com' }],
      error: 'noTarget',
    },
    {
      title: 'clearing a value that matches nothing changes nothing',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails[type eq "other"].value', value: '' }],
      expect: BJENSEN,
      changed: false,
    },
  ]);
});

describe('PATCH replace: values', () => {
  runCases([
    {
      title: 'null unassigns an attribute (Microsoft Null_Update)',
      doc: BJENSEN,
      ops: [
        { op: 'replace', path: 'nickName', value: null },
        { op: 'replace', path: 'displayName', value: '' },
      ],
      expect: withAttrs(BJENSEN, { nickName: undefined, displayName: undefined }),
    },
    {
      title: 'replacing userName with null is invalidValue: it is required',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'userName', value: null }],
      error: 'invalidValue',
    },
    {
      title: 'emails.display without a filter writes every email',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails.display', value: 'Babs' }],
      expect: withAttrs(BJENSEN, {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true, display: 'Babs' },
          { value: 'babs@jensen.org', type: 'home', display: 'Babs' },
        ],
      }),
    },
    {
      title: 'making the home email primary by filter makes the work email non-primary',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
      expect: withAttrs(BJENSEN, {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: false },
          { value: 'babs@jensen.org', type: 'home', primary: true },
        ],
      }),
    },
    {
      title: 'a primary on two elements at once is invalidValue',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'emails.primary', value: true }],
      error: 'invalidValue',
    },
    ...(['False', 'false', 'FALSE', false] as const).map((value) => ({
      title: `active ${JSON.stringify(value)} is false (Entra sends strings, idp-behaviour §6.8)`,
      doc: BJENSEN,
      ops: [{ op: 'Replace', path: 'active', value }],
      expect: withAttrs(BJENSEN, { active: false }),
    })),
    ...(['no', '0', 0, 1, 'Truee'] as const).map((value) => ({
      title: `active ${JSON.stringify(value)} is invalidValue`,
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'active', value }],
      error: 'invalidValue' as const,
    })),
    {
      title: 'integer and decimal attributes take JSON numbers',
      rt: TEST_RESOURCE,
      doc: { userName: 'ada' },
      ops: [{ op: 'replace', value: { [`${TEST_SCHEMA}:level`]: 3, [`${TEST_SCHEMA}:score`]: 4.5 } }],
      expect: { userName: 'ada', [TEST_SCHEMA]: { level: 3, score: 4.5 } },
    },
    ...([2.5, '3'] as const).map((value) => ({
      title: `integer ${JSON.stringify(value)} is invalidValue`,
      rt: TEST_RESOURCE,
      doc: { userName: 'ada' },
      ops: [{ op: 'replace', path: `${TEST_SCHEMA}:level`, value }],
      error: 'invalidValue' as const,
    })),
    {
      title: 'a path to meta is mutability',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'meta', value: {} }],
      error: 'mutability',
    },
    {
      title: 'a path to meta.lastModified is mutability',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }],
      error: 'mutability',
    },
    {
      title: 'a filter on a single-valued attribute is invalidPath',
      doc: BJENSEN,
      ops: [{ op: 'replace', path: 'name[givenName eq "Barbara"].familyName', value: 'J' }],
      error: 'invalidPath',
    },
  ]);

  test('the engine itself refuses a value filter on a single-valued attribute with invalidPath', () => {
    const ref = resolveAttrPath(USER_RESOURCE, 'name');
    const sub = resolveAttrPath(USER_RESOURCE, 'name.givenName');
    assert.ok(ref && sub);
    const where = { kind: 'present', path: sub } as const;
    assert.throws(
      () =>
        applyPatch(USER_RESOURCE, { id: 'bjensen', doc: BJENSEN }, [
          { op: 'replace', path: { kind: 'valuePath', ref, where }, value: {} },
        ]),
      (error) => error instanceof AppError && error.code === 'invalidPath',
    );
  });
});
