import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { ErrorCode } from '../../../../src/errors/catalog.ts';
import type { Filter } from '../../../../src/scim/filter/ast.ts';
import { parsePatchPath } from '../../../../src/scim/path/parse-patch-path.ts';
import type { PatchPath } from '../../../../src/scim/path/patch-path.ts';
import {
  type AttrRef,
  enterpriseUser,
  GROUP_RESOURCE,
  type ResourceTypeDef,
  resolveAttrPath,
  USER_RESOURCE,
} from '../../../../src/scim/schema/index.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MEMBER_ID = '2819c223-7f76-453a-919d-413861904646';

function at(path: string, rt: ResourceTypeDef = USER_RESOURCE): AttrRef {
  const ref = resolveAttrPath(rt, path);
  assert.ok(ref, `test bug: ${path} does not resolve`);
  return ref;
}
const eq = (path: AttrRef, value: string): Filter => ({ kind: 'compare', path, op: 'eq', value });
const attr = (path: string, rt?: ResourceTypeDef): PatchPath => ({ kind: 'attr', ref: at(path, rt) });
const subOf = (path: string) => {
  const { sub } = at(path);
  assert.ok(sub);
  return sub;
};
const workEmails: PatchPath = { kind: 'valuePath', ref: at('emails'), where: eq(at('emails.type'), 'work') };

describe('parsePatchPath: RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]', () => {
  const rows: [string, string, PatchPath, ResourceTypeDef?][] = [
    ['attribute', 'userName', attr('userName')],
    ['attribute names are case-insensitive', 'USERNAME', attr('userName')],
    ['sub-attribute', 'name.givenName', attr('name.givenName')],
    ['multi-valued sub-attribute', 'emails.value', attr('emails.value')],
    ['core URN prefix', 'urn:ietf:params:scim:schemas:core:2.0:User:userName', attr('userName')],
    ['valuePath', 'emails[type eq "work"]', workEmails],
    ['valuePath with subAttr', 'emails[type eq "work"].value', { ...workEmails, sub: subOf('emails.value') }],
    [
      'Entra: a filtered address component',
      'addresses[type eq "work"].postalCode',
      {
        kind: 'valuePath',
        ref: at('addresses'),
        where: eq(at('addresses.type'), 'work'),
        sub: subOf('addresses.postalCode'),
      },
    ],
    [
      'member removal',
      `members[value eq "${MEMBER_ID}"]`,
      {
        kind: 'valuePath',
        ref: at('members', GROUP_RESOURCE),
        where: eq(at('members.value', GROUP_RESOURCE), MEMBER_ID),
      },
      GROUP_RESOURCE,
    ],
    [
      "']' inside a filter string",
      'emails[value eq "a]b"].display',
      {
        kind: 'valuePath',
        ref: at('emails'),
        where: eq(at('emails.value'), 'a]b'),
        sub: subOf('emails.display'),
      },
    ],
    [
      'a forbidden word as a string literal is just data',
      'emails[value eq "constructor"]',
      { kind: 'valuePath', ref: at('emails'), where: eq(at('emails.value'), 'constructor') },
    ],
    ['extension attribute', `${ENTERPRISE}:manager`, attr(`${ENTERPRISE}:manager`)],
    ['extension sub-attribute', `${ENTERPRISE}:manager.value`, attr(`${ENTERPRISE}:manager.value`)],
    ['bare extension URN', ENTERPRISE, { kind: 'extension', schema: enterpriseUser }],
    [
      'bare extension URN in another case',
      ENTERPRISE.toUpperCase(),
      { kind: 'extension', schema: enterpriseUser },
    ],
  ];
  for (const [title, text, expected, rt = USER_RESOURCE] of rows) {
    test(`${title}: ${text}`, () => assert.deepEqual(parsePatchPath(rt, text), expected));
  }
});

describe('parsePatchPath: errors (RFC 7644 §3.12: invalidFilter inside [...], invalidPath otherwise)', () => {
  const rows: [string, string, ErrorCode, RegExp][] = [
    ['empty', '', 'invalidPath', /empty/],
    ['unknown attribute', 'foo', 'invalidPath', /unknown attribute 'foo'/],
    ['unknown sub-attribute', 'name.foo', 'invalidPath', /unknown attribute 'name.foo'/],
    ['too many dots', 'name.givenName.x', 'invalidPath', /unknown attribute/],
    ['unknown subAttr after a filter', 'emails[type eq "work"].foo', 'invalidPath', /'emails.foo'/],
    ['unknown attribute before a filter', 'foo[type eq "work"]', 'invalidPath', /unknown attribute 'foo'/],
    ['filter on a single-valued complex', 'name[givenName eq "x"]', 'invalidPath', /not a multi-valued/],
    ['filter on a sub-attribute', 'emails.value[type eq "x"]', 'invalidPath', /not a multi-valued/],
    ['text after the filter', 'emails[type eq "work"]value', 'invalidPath', /not a valid path/],
    ['unclosed bracket', 'emails[type eq "work"', 'invalidPath', /not a valid path/],
    ['stray bracket', 'emails]', 'invalidPath', /not a valid path/],
    ['space before the bracket', 'emails [type eq "work"]', 'invalidPath', /unknown attribute 'emails '/],
    ['bare core URN', 'urn:ietf:params:scim:schemas:core:2.0:User', 'invalidPath', /unknown attribute/],
    ['unknown URN', 'urn:example:nothing:here', 'invalidPath', /unknown attribute/],
    ['__proto__', '__proto__', 'invalidPath', /not a valid path/],
    ['constructor as a sub-attribute', 'name.constructor', 'invalidPath', /not a valid path/],
    ['prototype after a URN', `${ENTERPRISE}:prototype`, 'invalidPath', /not a valid path/],
    ['__proto__ inside a filter', 'emails[__proto__ eq "x"]', 'invalidPath', /not a valid path/],
    ['forbidden subAttr', 'emails[type eq "work"].constructor', 'invalidPath', /not a valid path/],
    ['empty filter', 'emails[]', 'invalidFilter', /empty/],
    ['missing value', 'emails[type eq]', 'invalidFilter', /expected a JSON value/],
    ['unknown sub-attribute in the filter', 'emails[foo eq "x"]', 'invalidFilter', /unknown attribute 'foo'/],
    ['dangling or', 'emails[type eq "a" or]', 'invalidFilter', /end of the filter/],
    ['gt on a boolean', 'emails[primary gt true]', 'invalidFilter', /'gt' is not supported/],
  ];
  for (const [title, text, scimType, message] of rows) {
    test(`${title}: ${JSON.stringify(text)} → ${scimType}`, () => {
      assert.throws(
        () => parsePatchPath(USER_RESOURCE, text),
        (error: unknown) =>
          error instanceof AppError &&
          error.status === 400 &&
          error.code === scimType &&
          message.test(error.message),
      );
    });
  }
});
