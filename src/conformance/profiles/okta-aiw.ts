// Okta, a custom app from the App Integration Wizard: GET then PUT of the whole object for every
// change, users and groups alike; it never sends PATCH (idp-behaviour.md §1.1, §7).
import { equals, equalsFact, jsonBody, mark, membersAre, status } from '../checks.ts';
import { type Names, type Step, step } from '../step.ts';
import { getThenPut, memberOf, oktaGroupSteps, oktaProfile, oktaUserSteps } from './okta-shared.ts';
import { readResource } from './shared.ts';

function steps(names: Names): Step[] {
  return oktaUserSteps(names, {
    setActive: (active, label) => getThenPut(label, { active }, equals('active', active)),
    password: getThenPut('password', { password: 'N3w-Secret!' }),
  });
}

/** GET the group, then PUT it whole with a new name and membership. */
function groupPut(label: string, displayName: string, members: ('user' | 'member')[], names: Names): Step[] {
  const locals = { user: 'ada', member: 'grace' } as const;
  return [
    readResource('Groups', `${label}: GET /Groups/{id}`),
    step({
      name: `${label}: PUT /Groups/{id}`,
      hint:
        'Okta AIW apps PUT the whole group, members included, after a GET: replace the membership with exactly ' +
        'the listed members and answer 200 with the group.',
      needs: ['group', 'groupDoc', 'user', 'member'],
      request: (facts) => ({
        method: 'PUT',
        path: `/Groups/${facts.group}`,
        body: {
          ...facts.groupDoc,
          displayName,
          members: members.map((m) => memberOf(facts[m], names, locals[m])),
        },
      }),
      expect: [
        status(200),
        jsonBody,
        equalsFact('id', 'group'),
        equals('displayName', displayName),
        membersAre(...members),
      ],
      saves: { groupChanged: mark },
    }),
  ];
}

function groupSteps(names: Names): Step[] {
  return oktaGroupSteps(names, [
    ...groupPut('group push', names.group('Engineering'), ['user', 'member'], names),
    ...groupPut('rename, member leaves', names.group('Engineering EU'), ['member'], names),
    ...groupPut('Push Now', names.group('Engineering EU'), ['user'], names),
  ]);
}

export const oktaAiw = oktaProfile(
  'okta-aiw',
  'Okta, custom App Integration Wizard app (GET + PUT)',
  steps,
  groupSteps,
);
