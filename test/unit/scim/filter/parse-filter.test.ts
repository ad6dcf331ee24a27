import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { CompareOp, Filter, FilterValue } from '../../../../src/scim/filter/ast.ts';
import { parseFilter } from '../../../../src/scim/filter/parse-filter.ts';
import {
  type AttrRef,
  GROUP_RESOURCE,
  type ResourceTypeDef,
  resolveAttrPath,
  USER_RESOURCE,
} from '../../../../src/scim/schema/index.ts';
import { TEST_RESOURCE, TEST_SCHEMA } from '../../../support/test-resource.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function at(path: string, rt: ResourceTypeDef = USER_RESOURCE): AttrRef {
  const ref = resolveAttrPath(rt, path);
  assert.ok(ref, `test bug: ${path} does not resolve`);
  return ref;
}
const cmp = (path: AttrRef, op: CompareOp, value: FilterValue): Filter => ({
  kind: 'compare',
  path,
  op,
  value,
});
const pr = (path: AttrRef): Filter => ({ kind: 'present', path });
const and = (left: Filter, right: Filter): Filter => ({ kind: 'and', left, right });
const or = (left: Filter, right: Filter): Filter => ({ kind: 'or', left, right });
const not = (operand: Filter): Filter => ({ kind: 'not', operand });
const vp = (path: AttrRef, where: Filter): Filter => ({ kind: 'valuePath', path, where });

const lastModified = at('meta.lastModified');
const workEmailAtExample = vp(
  at('emails'),
  and(cmp(at('emails.type'), 'eq', 'work'), cmp(at('emails.value'), 'co', '@example.com')),
);

describe('parseFilter: RFC 7644 §3.4.2.2 examples', () => {
  const rows: [string, string, Filter][] = [
    ['§3.4.2.2 operators are case-insensitive', 'userName Eq "john"', cmp(at('userName'), 'eq', 'john')],
    [
      '§3.4.2.2 attribute names are case-insensitive',
      'Username eq "john"',
      cmp(at('userName'), 'eq', 'john'),
    ],
    ['§3.4.2.2 eq', 'userName eq "bjensen"', cmp(at('userName'), 'eq', 'bjensen')],
    [
      '§3.4.2.2 co on a sub-attribute',
      'name.familyName co "O\'Malley"',
      cmp(at('name.familyName'), 'co', "O'Malley"),
    ],
    ['§3.4.2.2 sw', 'userName sw "J"', cmp(at('userName'), 'sw', 'J')],
    [
      '§3.4.2.2 URN-qualified attribute',
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      cmp(at('userName'), 'sw', 'J'),
    ],
    ['§3.4.2.2 pr', 'title pr', pr(at('title'))],
    [
      '§3.4.2.2 gt on dateTime',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      cmp(lastModified, 'gt', '2011-05-13T04:42:34Z'),
    ],
    [
      '§3.4.2.2 ge on dateTime',
      'meta.lastModified ge "2011-05-13T04:42:34Z"',
      cmp(lastModified, 'ge', '2011-05-13T04:42:34Z'),
    ],
    [
      '§3.4.2.2 lt on dateTime',
      'meta.lastModified lt "2011-05-13T04:42:34Z"',
      cmp(lastModified, 'lt', '2011-05-13T04:42:34Z'),
    ],
    [
      '§3.4.2.2 le on dateTime',
      'meta.lastModified le "2011-05-13T04:42:34Z"',
      cmp(lastModified, 'le', '2011-05-13T04:42:34Z'),
    ],
    [
      '§3.4.2.2 and',
      'title pr and userType eq "Employee"',
      and(pr(at('title')), cmp(at('userType'), 'eq', 'Employee')),
    ],
    [
      '§3.4.2.2 or',
      'title pr or userType eq "Intern"',
      or(pr(at('title')), cmp(at('userType'), 'eq', 'Intern')),
    ],
    [
      '§3.4.2.2 grouping; `emails` stands for `emails.value`',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp(at('userType'), 'eq', 'Employee'),
        or(cmp(at('emails.value'), 'co', 'example.com'), cmp(at('emails.value'), 'co', 'example.org')),
      ),
    ],
    [
      '§3.4.2.2 ne and not',
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp(at('userType'), 'ne', 'Employee'),
        not(or(cmp(at('emails.value'), 'co', 'example.com'), cmp(at('emails.value'), 'co', 'example.org'))),
      ),
    ],
    [
      '§3.4.2.2 parenthesised single comparison',
      'userType eq "Employee" and (emails.type eq "work")',
      and(cmp(at('userType'), 'eq', 'Employee'), cmp(at('emails.type'), 'eq', 'work')),
    ],
    [
      '§3.4.2.2 valuePath',
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp(at('userType'), 'eq', 'Employee'), workEmailAtExample),
    ],
    [
      "Entra's sub-attribute after a valuePath",
      'emails[type eq "work"].value eq "ada@example.com"',
      vp(
        at('emails'),
        and(cmp(at('emails.type'), 'eq', 'work'), cmp(at('emails.value'), 'eq', 'ada@example.com')),
      ),
    ],
    [
      '§3.4.2.2 two valuePaths',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        workEmailAtExample,
        vp(at('ims'), and(cmp(at('ims.type'), 'eq', 'xmpp'), cmp(at('ims.value'), 'co', '@foo.com'))),
      ),
    ],
  ];
  for (const [title, text, expected] of rows) {
    test(`${title}: ${text}`, () => assert.deepEqual(parseFilter(USER_RESOURCE, text), expected));
  }
});

describe('parseFilter: precedence and literals', () => {
  const [a, b, c] = [pr(at('title')), pr(at('nickName')), pr(at('locale'))];
  const rows: [string, string, Filter, ResourceTypeDef?][] = [
    ['and binds tighter than or', 'title pr or nickName pr and locale pr', or(a, and(b, c))],
    ['or is left-associative', 'title pr or nickName pr or locale pr', or(or(a, b), c)],
    ['parentheses override precedence', '(title pr or nickName pr) and locale pr', and(or(a, b), c)],
    ['not binds tightest', 'not (title pr) and nickName pr', and(not(a), b)],
    ['not without a space (erratum 7319)', 'not(title pr)', not(a)],
    ['keywords in any case', 'title PR AND NOT (nickName Pr)', and(a, not(b))],
    ['boolean literal', 'active eq true', cmp(at('active'), 'eq', true)],
    ['literals are case-insensitive', 'active eq FALSE', cmp(at('active'), 'eq', false)],
    ['null literal', 'title eq null', cmp(at('title'), 'eq', null)],
    ['JSON string escapes', 'title eq "a\\"b\\\\c\\u00e9\\n"', cmp(at('title'), 'eq', 'a"b\\cé\n')],
    ['integer', 'level gt -3', cmp(at(`${TEST_SCHEMA}:level`, TEST_RESOURCE), 'gt', -3), TEST_RESOURCE],
    [
      'decimal with exponent',
      'score le 2.5e1',
      cmp(at(`${TEST_SCHEMA}:score`, TEST_RESOURCE), 'le', 25),
      TEST_RESOURCE,
    ],
    [
      'dateTime with offset and fraction',
      'meta.created lt "2020-01-01T00:00:00.123+05:30"',
      cmp(at('meta.created'), 'lt', '2020-01-01T00:00:00.123+05:30'),
    ],
    ['$ref sub-attribute in brackets', 'groups[$ref pr]', vp(at('groups'), pr(at('groups.$ref')))],
    [
      'not inside brackets',
      'emails[not (type eq "work")]',
      vp(at('emails'), not(cmp(at('emails.type'), 'eq', 'work'))),
    ],
    ['pr on a complex attribute', 'name pr', pr(at('name'))],
    ['tabs and newlines as spaces', 'title\tpr\nand\r\nnickName pr', and(a, b)],
  ];
  for (const [title, text, expected, rt = USER_RESOURCE] of rows) {
    test(`${title}: ${text.replace(/\s+/g, ' ')}`, () => assert.deepEqual(parseFilter(rt, text), expected));
  }
});

describe('parseFilter: what IdPs send (research §6)', () => {
  const rows: [string, string, Filter, ResourceTypeDef?][] = [
    [
      'Okta/Entra user look-up',
      'userName eq "ada@example.com"',
      cmp(at('userName'), 'eq', 'ada@example.com'),
    ],
    ['externalId look-up', 'externalId eq "00u1abc"', cmp(at('externalId'), 'eq', '00u1abc')],
    [
      'group look-up',
      'displayName eq "G"',
      cmp(at('displayName', GROUP_RESOURCE), 'eq', 'G'),
      GROUP_RESOURCE,
    ],
    [
      'Entra membership check',
      'id eq "x" and members[value eq "y"]',
      and(
        cmp(at('id', GROUP_RESOURCE), 'eq', 'x'),
        vp(at('members', GROUP_RESOURCE), cmp(at('members.value', GROUP_RESOURCE), 'eq', 'y')),
      ),
      GROUP_RESOURCE,
    ],
    [
      'enterprise extension attribute',
      `${ENTERPRISE}:department eq "Eng"`,
      cmp(at(`${ENTERPRISE}:department`), 'eq', 'Eng'),
    ],
    [
      'Entra manager check without the extension URN',
      'id eq "u" and manager eq "m"',
      and(cmp(at('id'), 'eq', 'u'), cmp(at(`${ENTERPRISE}:manager.value`), 'eq', 'm')),
    ],
    [
      'Microsoft reference code attribute case',
      'DisplayName eq "G"',
      cmp(at('displayName', GROUP_RESOURCE), 'eq', 'G'),
      GROUP_RESOURCE,
    ],
  ];
  for (const [title, text, expected, rt = USER_RESOURCE] of rows) {
    test(`${title}: ${text}`, () => assert.deepEqual(parseFilter(rt, text), expected));
  }
});

describe('parseFilter: errors are 400 invalidFilter', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `title eq "${i}"`).join(' or ');
  const nested = (n: number) => `${'('.repeat(n)}title pr${')'.repeat(n)}`;
  const rows: [string, string, RegExp, ResourceTypeDef?][] = [
    ['empty', '', /empty/],
    ['blank', '   ', /empty/],
    ['unclosed parenthesis', '(userName eq "a"', /expected '\)'/],
    ['unopened parenthesis', 'userName eq "a")', /found '\)'/],
    ['unclosed bracket', 'emails[type eq "work"', /expected '\]'/],
    ['unknown attribute', 'foo eq "x"', /unknown attribute 'foo'/],
    ['unknown sub-attribute', 'name.foo eq "x"', /unknown attribute 'name.foo'/],
    ['unknown sub-attribute in brackets', 'emails[foo eq "x"]', /unknown attribute 'foo'/],
    [
      'schemas is not filterable (§3.4.2.2 example)',
      `schemas eq "${ENTERPRISE}"`,
      /unknown attribute 'schemas'/,
    ],
    ['unknown operator', 'userName like "x"', /expected an operator after 'userName' but found 'like'/],
    ['missing value', 'userName eq', /expected a JSON value after 'eq'/],
    ['unquoted value', 'userName eq john', /expected a JSON value/],
    ['a NUL character, which no stored value can hold', 'userName eq "a\\u0000b"', /cannot contain the NUL/],
    ['trailing tokens', 'userName eq "a" "b"', /expected 'and', 'or' or the end/],
    ['dangling and', 'userName eq "a" and', /found the end of the filter/],
    ['not without parentheses', 'not userName eq "a"', /expected '\(' after 'not'/],
    [
      'sub-attribute after a valuePath without a comparison',
      'emails[type eq "work"].value',
      /operator after 'value'/,
    ],
    [
      'a sub-attribute path that is not after a valuePath',
      'userName eq "a" or .value eq "x"',
      /unknown attribute '.value'/,
    ],
    ['nested valuePath', 'emails[type[value eq "x"]]', /cannot be nested/],
    ['valuePath on a single-valued attribute', 'name[givenName eq "x"]', /not multi-valued/],
    ['gt on boolean', 'active gt true', /'gt' is not supported on boolean/],
    ['co on boolean', 'active co true', /'co' is not supported on boolean/],
    ['co on dateTime', 'meta.lastModified co "2011"', /'co' is not supported on dateTime/],
    ['gt on binary', 'x509Certificates gt "QUJD"', /'gt' is not supported on binary/],
    ['string for a boolean', 'active eq "true"', /not a valid boolean value/],
    ['number for a string', 'userName eq 42', /not a valid string value/],
    ['malformed dateTime', 'meta.lastModified gt "2011-05-13"', /not a valid dateTime/],
    ['impossible date', 'meta.lastModified gt "2011-02-30T00:00:00Z"', /not a valid dateTime/],
    ['fraction for an integer', 'level eq 1.5', /not a valid integer/, TEST_RESOURCE],
    ['gt null', 'title gt null', /'gt' cannot compare 'title' with null/],
    ['compare on a complex attribute without value', 'name eq "x"', /'name' is complex/],
    ['never-returned attribute', 'password sw "a"', /cannot be filtered on/],
    ['unterminated string', 'userName eq "abc', /unterminated string/],
    ['bad escape', 'userName eq "a\\qb"', /malformed string/],
    ['raw control character', 'userName eq "a\u0001b"', /malformed string/],
    ['malformed number', 'level eq 01', /malformed number/, TEST_RESOURCE],
    ['number out of range', 'score eq 1e999', /out of range/, TEST_RESOURCE],
    ['stray character', 'userName eq "a" & title pr', /unexpected character '&'/],
    ['too long', `userName eq "${'a'.repeat(4096)}"`, /longer than 4096/],
    ['too deep', nested(33), /deeper than 32/],
    ['too many clauses', many(101), /more than 100 comparisons/],
  ];
  for (const [title, text, message, rt = USER_RESOURCE] of rows) {
    test(`${title}: ${text.slice(0, 60)}`, () => {
      assert.throws(
        () => parseFilter(rt, text),
        (error: unknown) =>
          error instanceof AppError &&
          error.status === 400 &&
          error.code === 'invalidFilter' &&
          message.test(error.message),
      );
    });
  }

  test('the caps allow exactly their limits', () => {
    assert.doesNotThrow(() => parseFilter(USER_RESOURCE, nested(32)));
    assert.doesNotThrow(() => parseFilter(USER_RESOURCE, many(100)));
    assert.doesNotThrow(() => parseFilter(USER_RESOURCE, `userName eq "${'a'.repeat(4096 - 14)}"`));
  });

  test('the caps can be lowered per call', () => {
    const limits = { maxLength: 20, maxDepth: 1, maxClauses: 2 };
    assert.throws(
      () => parseFilter(USER_RESOURCE, 'title pr or nickName pr or locale pr', limits),
      /longer than 20/,
    );
    assert.throws(() => parseFilter(USER_RESOURCE, '((title pr))', limits), /deeper than 1/);
    assert.throws(
      () => parseFilter(USER_RESOURCE, 'title pr or locale pr', { maxClauses: 1 }),
      /more than 1/,
    );
  });

  test('messages give a 1-based position', () => {
    assert.throws(
      () => parseFilter(USER_RESOURCE, 'title pr and foo pr'),
      /unknown attribute 'foo' in filter at position 14/,
    );
  });
});
