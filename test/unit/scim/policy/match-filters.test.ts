import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesFilter } from '../../../../src/scim/filter/index.ts';
import {
  groupLinkFilter,
  linkFilter,
  parsePolicy,
  restoreFilter,
} from '../../../../src/scim/policy/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';

type Finder = typeof linkFilter;

const ada: ResourceDoc = {
  userName: 'ada',
  externalId: '00u1',
  emails: [{ value: 'home@example.com' }, { value: 'ada@example.com', primary: true }],
};

const cases: [
  title: string,
  finder: Finder,
  policy: unknown,
  stored: ResourceDoc,
  found: boolean | undefined,
][] = [
  ['no linking: no filter', linkFilter, {}, ada, undefined],
  [
    'link by userName, case-insensitively',
    linkFilter,
    { linking: { match: ['userName'] } },
    { userName: 'ADA' },
    true,
  ],
  [
    'link by userName: another user',
    linkFilter,
    { linking: { match: ['userName'] } },
    { userName: 'bob' },
    false,
  ],
  [
    'link by userName ignores email',
    linkFilter,
    { linking: { match: ['userName'] } },
    { userName: 'x', emails: [{ value: 'ada@example.com' }] },
    false,
  ],
  [
    'link by email: the primary one',
    linkFilter,
    { linking: { match: ['email'] } },
    { userName: 'x', emails: [{ value: 'ADA@example.com' }] },
    true,
  ],
  [
    'link by email: not a secondary one',
    linkFilter,
    { linking: { match: ['email'] } },
    { userName: 'x', emails: [{ value: 'home@example.com' }] },
    false,
  ],
  [
    'link by either',
    linkFilter,
    { linking: { match: ['userName', 'email'] } },
    { userName: 'x', emails: [{ value: 'ada@example.com' }] },
    true,
  ],
  ['hard delete: nothing to restore', restoreFilter, { lifecycle: { delete: 'hard' } }, ada, undefined],
  ['soft delete, restoring nothing', restoreFilter, { lifecycle: { delete: 'soft' } }, ada, undefined],
  [
    'restore by externalId, case-exactly',
    restoreFilter,
    { lifecycle: { delete: 'soft', restoreDeletedBy: ['externalId'] } },
    { userName: 'x', externalId: '00u1' },
    true,
  ],
  [
    'restore by externalId: another id',
    restoreFilter,
    { lifecycle: { delete: 'soft', restoreDeletedBy: ['externalId'] } },
    { userName: 'ada', externalId: '00U1' },
    false,
  ],
  [
    'restore by userName',
    restoreFilter,
    { lifecycle: { delete: 'soft', restoreDeletedBy: ['externalId', 'userName'] } },
    { userName: 'Ada' },
    true,
  ],
];

for (const [title, finder, policy, stored, found] of cases) {
  test(`finding a user: ${title}`, () => {
    const filter = finder(parsePolicy(policy), ada);
    assert.equal(filter && matchesFilter(filter, stored), found);
  });
}

test('a create without the key finds nothing', () => {
  assert.equal(linkFilter(parsePolicy({ linking: { match: ['email'] } }), { userName: 'ada' }), undefined);
});

test('a pushed group is found by display name only under the link rule', () => {
  const pushed = { displayName: 'Sales' };
  assert.equal(groupLinkFilter(parsePolicy({ groups: { displayName: 'unique' } }), pushed), undefined);
  const filter = groupLinkFilter(parsePolicy({ groups: { displayName: 'link' } }), pushed) ?? assert.fail();
  assert.equal(matchesFilter(filter, { displayName: 'sales' }), true);
  assert.equal(matchesFilter(filter, { displayName: 'Sales EU' }), false);
});
