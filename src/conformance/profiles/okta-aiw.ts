// Okta, a custom app from the App Integration Wizard: GET then PUT of the whole object for every
// change, users and groups alike; it never sends PATCH (idp-behaviour.md §1.1, §7).
import { equals, equalsFact, jsonBody, mark, membersAre, status } from '../checks.ts';
import { type Names, type Profile, type Step, step } from '../step.ts';
import {
  assignSteps,
  connectionTest,
  crudReadBack,
  getThenPut,
  groupCreateSteps,
  importSteps,
  memberOf,
  memberStep,
  OKTA_HEADERS,
  profileUpdateSteps,
  reassignLookup,
} from './okta-shared.ts';
import { deleteSteps, readResource } from './shared.ts';

function steps(names: Names): Step[] {
  return [
    connectionTest,
    ...assignSteps(names),
    ...profileUpdateSteps(),
    ...getThenPut('deactivate', { active: false }, equals('active', false)),
    crudReadBack(8, false),
    reassignLookup(names),
    ...getThenPut('re-activate', { active: true }, equals('active', true)),
    crudReadBack(11, true),
    ...getThenPut('password', { password: 'N3w-Secret!' }),
    ...importSteps,
  ];
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
  return [
    memberStep(names),
    ...groupCreateSteps(names),
    ...groupPut('group push', names.group('Engineering'), ['user', 'member'], names),
    ...groupPut('rename, member leaves', names.group('Engineering EU'), ['member'], names),
    ...groupPut('Push Now', names.group('Engineering EU'), ['user'], names),
    ...deleteSteps('Groups', 'unlink and delete'),
  ];
}

export const oktaAiw: Profile = {
  name: 'okta-aiw',
  title: 'Okta, custom App Integration Wizard app (GET + PUT)',
  ...OKTA_HEADERS,
  steps,
  groupSteps,
};
