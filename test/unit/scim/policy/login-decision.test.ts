import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type LoginDecision,
  type LoginSubject,
  loginDecision,
  type PasswordOutcome,
  parsePolicy,
} from '../../../../src/scim/policy/index.ts';

const archive = parsePolicy({ lifecycle: { deactivate: 'archive' } });
const disable = parsePolicy({});
const user = (active?: boolean): LoginSubject => ({
  state: 'stored',
  doc: active === undefined ? { userName: 'ada' } : { userName: 'ada', active },
});

const cases: [
  title: string,
  policy: typeof archive,
  subject: LoginSubject,
  password: PasswordOutcome,
  expect: LoginDecision,
][] = [
  ['an active user without a password check', archive, user(true), 'not-given', { allowed: true }],
  ['an active user with the right password', disable, user(true), 'matches', { allowed: true }],
  ['an absent active is not deactivated', disable, user(), 'not-given', { allowed: true }],
  ['an unknown userName', archive, { state: 'absent' }, 'not-given', { allowed: false, reason: 'unknown' }],
  ['a soft-deleted user', archive, { state: 'deleted' }, 'matches', { allowed: false, reason: 'deleted' }],
  [
    'PowerDMS: a deactivated user is archived',
    archive,
    user(false),
    'not-given',
    { allowed: false, reason: 'archived' },
  ],
  [
    'DocuWare: a deactivated user is disabled',
    disable,
    user(false),
    'not-given',
    { allowed: false, reason: 'disabled' },
  ],
  [
    'deactivation is told before the password',
    disable,
    user(false),
    'matches',
    { allowed: false, reason: 'disabled' },
  ],
  ['a wrong password', disable, user(true), 'differs', { allowed: false, reason: 'wrong_password' }],
  [
    'a password for a user that has none',
    disable,
    user(true),
    'none-stored',
    { allowed: false, reason: 'no_password' },
  ],
];

for (const [title, policy, subject, password, expect] of cases) {
  test(`login check: ${title}`, () => assert.deepEqual(loginDecision(policy, subject, password), expect));
}
