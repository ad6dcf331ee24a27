import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parsePolicy, refusalOf } from '../../../../src/scim/policy/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';

const seed = (app: string) => parsePolicy(JSON.parse(readFileSync(`examples/policies/${app}.json`, 'utf8')));
const ACME = 'urn:example:acme:1.0:User';
const acme = (badgeType: string) =>
  parsePolicy({ extensions: [{ id: ACME, name: 'Acme', attributes: [{ name: 'badge', type: badgeType }] }] });

const cases: [
  title: string,
  policy: ReturnType<typeof parsePolicy>,
  kind: 'User' | 'Group',
  doc: ResourceDoc,
  refusal: RegExp | undefined,
][] = [
  [
    'a user the candidate policy takes',
    seed('process-street'),
    'User',
    { userName: 'a', userType: 'Guest' },
    undefined,
  ],
  [
    'a role the candidate policy lacks',
    seed('process-street'),
    'User',
    { userName: 'a', userType: 'Owner' },
    /"userType" must be one of/,
  ],
  [
    'an address outside its domains',
    seed('process-street'),
    'User',
    { userName: 'a', emails: [{ value: 'a@b.org' }] },
    /"b.org"/,
  ],
  [
    'a value it does not support',
    seed('docuware'),
    'User',
    { userName: 'a', title: 'Dr' },
    /"title" is not supported/,
  ],
  ['a value it ignores is no refusal', seed('powerdms'), 'User', { userName: 'a', nickName: 'n' }, undefined],
  ['a missing required value', seed('condeco'), 'User', { userName: 'a' }, /is required/],
  [
    'values of an extension it no longer defines',
    seed('powerdms'),
    'User',
    { userName: 'a', [ACME]: { badge: 'x' } },
    /Unknown attribute/,
  ],
  [
    'values of an extension whose type changed',
    acme('integer'),
    'User',
    { userName: 'a', [ACME]: { badge: 'x' } },
    /must be a valid integer/,
  ],
  [
    'values of an extension as defined',
    acme('string'),
    'User',
    { userName: 'a', [ACME]: { badge: 'x' } },
    undefined,
  ],
  [
    'a group, by its schemas alone',
    seed('declaree'),
    'Group',
    { displayName: 'Ops', [ACME]: { badge: 'x' } },
    /Unknown attribute/,
  ],
];

for (const [title, policy, kind, doc, refusal] of cases) {
  test(`what a policy would refuse: ${title}`, () => {
    const found = refusalOf(policy, kind, doc);
    if (refusal) assert.match(found ?? '(nothing)', refusal);
    else assert.equal(found, undefined);
  });
}
