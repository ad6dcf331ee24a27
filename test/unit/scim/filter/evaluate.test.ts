import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldCase } from '../../../../src/scim/filter/compare.ts';
import { matchesFilter } from '../../../../src/scim/filter/evaluate.ts';
import { parseFilter } from '../../../../src/scim/filter/parse-filter.ts';
import { GROUP_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { TEST_RESOURCE, TEST_SCHEMA } from '../../../support/test-resource.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const ada: Record<string, unknown> = {
  id: 'A-1',
  externalId: 'Ext-1',
  userName: 'Ada@Example.com',
  displayName: 'Ada Lovelace',
  title: '',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  meta: { lastModified: '2011-05-13T04:42:34Z' },
  x509Certificates: [{ value: 'QUJD' }],
  [ENTERPRISE]: { department: 'Eng', manager: { value: 'M-1' } },
  [TEST_SCHEMA]: { level: 3, score: 2.5 },
};

const bob: Record<string, unknown> = {
  id: 'B-2',
  userName: 'bob',
  title: null,
  emails: [],
  name: {},
  displayName: '\u{1F600}',
  meta: { lastModified: '2011-05-13T04:42:34.0005Z' },
};

const group: Record<string, unknown> = {
  id: 'G-1',
  displayName: 'Eng',
  members: [{ value: 'A-1' }, { value: 'B-2' }],
};

type Row = [title: string, filter: string, doc: Record<string, unknown>, expected: boolean];

function table(name: string, rows: Row[], rt = TEST_RESOURCE): void {
  describe(name, () => {
    for (const [title, text, doc, expected] of rows) {
      test(`${title}: ${text} → ${expected}`, () =>
        assert.equal(matchesFilter(parseFilter(rt, text), doc), expected));
    }
  });
}

table('strings follow caseExact (RFC 7643 §2.3.1)', [
  ['userName ignores case', 'userName eq "ADA@EXAMPLE.COM"', ada, true],
  ['sw ignores case', 'userName sw "ada@"', ada, true],
  ['ew ignores case', 'userName ew ".COM"', ada, true],
  ['co', 'displayName co "love"', ada, true],
  ['co misses', 'displayName co "babbage"', ada, false],
  ['externalId is caseExact', 'externalId eq "ext-1"', ada, false],
  ['externalId exact match', 'externalId eq "Ext-1"', ada, true],
  ['id is caseExact', 'id eq "a-1"', ada, false],
  ['ordering on folded strings', 'userName gt "ADA"', ada, true],
  ['ordering by code point, not UTF-16 unit', 'displayName gt "\uFFFD"', bob, true],
  ['binary is compared exactly', 'x509Certificates.value eq "qujd"', ada, false],
  ['binary exact match', 'x509Certificates eq "QUJD"', ada, true],
]);

table('dateTime compares instants (RFC 7644 §3.4.2.2)', [
  ['same instant, another offset', 'meta.lastModified eq "2011-05-13T06:42:34+02:00"', ada, true],
  [
    'later instant written earlier on the clock',
    'meta.lastModified lt "2011-05-13T00:00:00-05:00"',
    ada,
    true,
  ],
  ['gt an instant one hour later', 'meta.lastModified gt "2011-05-13T04:42:34-01:00"', ada, false],
  ['trailing zeros in the fraction', 'meta.lastModified ge "2011-05-13T04:42:34.000Z"', ada, true],
  ['sub-millisecond precision', 'meta.lastModified gt "2011-05-13T04:42:34.0004Z"', bob, true],
  ['sub-millisecond equality', 'meta.lastModified eq "2011-05-13T04:42:34.00050Z"', bob, true],
  ['no offset reads as UTC', 'meta.lastModified eq "2011-05-13T04:42:34"', ada, true],
]);

table('numbers and booleans', [
  ['integer gt', 'level gt 2', ada, true],
  ['integer eq a decimal-looking literal', 'level eq 3.0', ada, true],
  ['integer ge', 'level ge 4', ada, false],
  ['decimal le', 'score le 2.5', ada, true],
  ['decimal lt', 'score lt 2.5', ada, false],
  ['boolean eq', 'active eq true', ada, true],
  ['boolean eq false', 'active eq false', ada, false],
  ['boolean ne', 'active ne false', ada, true],
  ['absent boolean is not false', 'active eq false', bob, false],
]);

table('ne and null: ne needs a value; absent, null and [] are one state (RFC 7643 §2.5)', [
  ['ne on a present value', 'userName ne "alan"', ada, true],
  ['ne on an absent attribute', 'active ne true', bob, false],
  ['not eq on an absent attribute', 'not (active eq true)', bob, true],
  ['ne on multi-valued: some value differs', 'emails.value ne "ada@work.example"', ada, true],
  ['eq null on absent', 'nickName eq null', ada, true],
  ['eq null on null', 'title eq null', bob, true],
  ['eq null on []', 'emails eq null', bob, true],
  ['ne null on present', 'userName ne null', ada, true],
  ['ne null on absent', 'nickName ne null', ada, false],
]);

table('pr (RFC 7644 §3.4.2.2: a non-empty value or node)', [
  ['empty string', 'title pr', ada, false],
  ['null', 'title pr', bob, false],
  ['missing', 'nickName pr', ada, false],
  ['empty array', 'emails pr', bob, false],
  ['non-empty array', 'emails pr', ada, true],
  ['complex with a value', 'name pr', ada, true],
  ['empty complex', 'name pr', bob, false],
  ['sub-attribute of a multi-valued attribute', 'emails.primary pr', ada, true],
]);

table('multi-valued attributes match when any value does (RFC 7644 §3.4.2.2)', [
  ['second element', 'emails.value eq "ADA@home.example"', ada, true],
  ['`emails` means `emails.value`', 'emails co "home"', ada, true],
  ['sub-attribute', 'emails.type eq "work"', ada, true],
  ['no element', 'emails.type eq "other"', ada, false],
  ['empty array', 'emails co "a"', bob, false],
]);

table('valuePath: one element must satisfy the whole filter', [
  ['both on one element', 'emails[type eq "work" and value co "work"]', ada, true],
  ['split across elements', 'emails[type eq "work" and value co "home"]', ada, false],
  ['dotted paths may split across elements', 'emails.type eq "work" and emails.value co "home"', ada, true],
  ['not inside brackets', 'emails[type eq "home" and not (primary eq true)]', ada, true],
  ['missing sub-attribute', 'emails[display pr]', ada, false],
  ['empty array', 'emails[type eq "work"]', bob, false],
]);

table('logic and extensions', [
  ['not', 'not (userName eq "bob")', ada, true],
  ['and', 'userName sw "ada" and active eq true', ada, true],
  ['or', 'userName eq "bob" or level lt 0', ada, false],
  ['precedence', 'userName eq "bob" or userName sw "ada" and active eq false', ada, false],
  ['extension attribute', `${ENTERPRISE}:department eq "eng"`, ada, true],
  ['extension complex sub-attribute', `${ENTERPRISE}:manager.value eq "M-1"`, ada, true],
  ['extension absent', `${ENTERPRISE}:department pr`, bob, false],
]);

table(
  'groups',
  [
    ['displayName', 'displayName eq "eng"', group, true],
    ['Entra membership check', 'id eq "G-1" and members[value eq "B-2"]', group, true],
    ['not a member', 'id eq "G-1" and members[value eq "C-3"]', group, false],
  ],
  GROUP_RESOURCE,
);

/** A user as rendered to clients, which is what the evaluator judges: meta and groups included. */
const rendered: Record<string, unknown> = {
  id: 'A-1',
  userName: 'ada',
  groups: [{ value: 'G-1', display: 'Eng', type: 'direct' }],
  meta: {
    resourceType: 'User',
    created: '2011-05-13T04:42:34Z',
    lastModified: '2011-05-14T04:42:34Z',
    location: 'https://example.com/scim/v2/Users/A-1',
    version: 'W/"3"',
  },
};

table('meta, as rendered (RFC 7643 §3.1)', [
  ['resourceType is caseExact', 'meta.resourceType eq "User"', rendered, true],
  ['resourceType of another type', 'meta.resourceType eq "user"', rendered, false],
  ['version is the weak ETag text', 'meta.version eq "W/\\"3\\""', rendered, true],
  ['version compares as text', 'meta.version gt "W/\\"10\\""', rendered, true],
  ['created as an instant', 'meta.created lt "2011-05-13T05:00:00+00:30"', rendered, false],
  ['lastModified as an instant', 'meta.lastModified gt "2011-05-14T00:00:00-05:00"', rendered, false],
  ['location', 'meta.location ew "/Users/A-1"', rendered, true],
  ['meta pr', 'meta pr', rendered, true],
  ['groups by value', 'groups eq "G-1"', rendered, true],
  ['groups by display', 'groups.display eq "eng"', rendered, true],
]);

describe('evaluation against odd stored data', () => {
  test('a stored value of the wrong type never matches, ne included', () => {
    const doc = { userName: 42, active: 'true' };
    assert.equal(matchesFilter(parseFilter(TEST_RESOURCE, 'userName ne "x"'), doc), false);
    assert.equal(matchesFilter(parseFilter(TEST_RESOURCE, 'active ne false'), doc), false);
  });

  test('prototype keys are not read from documents', () => {
    assert.equal(matchesFilter(parseFilter(TEST_RESOURCE, 'title pr'), Object.create({ title: 'x' })), false);
  });
});

describe('foldCase', () => {
  test('folds without a locale', () => assert.equal(foldCase('ÄDA İ'), 'äda i̇'));
});
