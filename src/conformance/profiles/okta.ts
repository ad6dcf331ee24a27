// Okta, an OIN catalog app: PUT for profile updates, PATCH for everything else (idp-behaviour.md §1.1, §7).
import { absent, equals, equalsIfReturned } from '../checks.ts';
import type { Check, Names, Step } from '../step.ts';
import { memberOf, oktaGroupSteps, oktaProfile, oktaUserSteps } from './okta-shared.ts';
import { oktaSpecTest, specTestGroups } from './okta-spec-test.ts';
import { membersReadBack, patchStep } from './shared.ts';

/** Okta's path-less replace: deactivate, reactivate and password sync all take this shape. */
function userPatch(name: string, value: Record<string, unknown>, hint: string, ...expect: Check[]): Step {
  return patchStep({ name, hint, of: 'user', operations: () => [{ op: 'replace', value }], expect });
}

const ACTIVE_HINT = 'Okta sets active with a path-less replace whose value is an object (RFC 7644 §3.5.2.3).';

function steps(names: Names): Step[] {
  return oktaUserSteps(names, {
    afterAssign: oktaSpecTest(names),
    setActive: (active, label) => [
      userPatch(
        `${label}: PATCH active ${active}`,
        { active },
        ACTIVE_HINT,
        equalsIfReturned('active', active),
      ),
    ],
    password: [
      userPatch(
        'password: PATCH password',
        { password: 'N3w-Secret!' },
        'Okta syncs passwords with a path-less replace of password: accept it and never return it.',
        absent('password', 'never return it'),
      ),
    ],
  });
}

/** Okta's group PATCHes; every one of them is about the flow's two users. */
function groupPatch(
  name: string,
  hint: string,
  operations: (facts: { user: string; member: string; group: string }) => unknown[],
): Step {
  return patchStep({ name, hint, of: 'group', needs: ['user', 'member', 'group'], operations });
}

function groupSteps(names: Names): Step[] {
  const name = names.group('Engineering');
  const renamed = names.group('Engineering EU');
  return [
    specTestGroups,
    ...oktaGroupSteps(names, [
      groupPatch(
        'group push: PATCH rename with id, add two members',
        'Okta sends its rename, {id, displayName} path-less, with every membership change: it must be idempotent.',
        ({ user, member, group }) => [
          { op: 'replace', value: { id: group, displayName: name } },
          {
            op: 'add',
            path: 'members',
            value: [memberOf(user, names, 'ada'), memberOf(member, names, 'grace')],
          },
        ],
      ),
      membersReadBack('group push: GET shows both members', ['user', 'member']),
      groupPatch(
        'member leaves: PATCH remove members[value eq …] and rename',
        'Okta removes each departing member with a value filter path, members[value eq "id"]; only that member goes.',
        ({ user, group }) => [
          { op: 'remove', path: `members[value eq "${user}"]` },
          { op: 'replace', value: { id: group, displayName: renamed } },
        ],
      ),
      membersReadBack(
        'member leaves: GET shows the other member and the new name',
        ['member'],
        equals('displayName', renamed),
      ),
      groupPatch(
        'Push Now: PATCH replace members',
        'Okta’s Push Now replaces the whole membership with path "members".',
        ({ user }) => [{ op: 'replace', path: 'members', value: [{ value: user }] }],
      ),
      membersReadBack('Push Now: GET shows exactly the pushed members', ['user']),
    ]),
  ];
}

export const okta = oktaProfile('okta', 'Okta, OIN catalog app (PATCH)', steps, groupSteps);
