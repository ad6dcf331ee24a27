// Entra's group provisioning: created empty, members added in one PATCH, removed in the dialect's form,
// membership checked by filter, renamed, deleted (idp-behaviour.md §2.5, validator tests 13–24).
import { absent, equals, equalsFact, idOf, jsonBody, list, notEmpty, status } from '../checks.ts';
import { type Names, type Step, step } from '../step.ts';
import { type Dialect, entraUser } from './entra-dialects.ts';
import {
  deleteSteps,
  emptyLookup,
  entraFilter,
  extraUser,
  GROUP,
  lookup,
  NO_MATCH_HINT,
  patchStep,
  readBack,
} from './shared.ts';

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

export function entraGroupSteps(d: Dialect, names: Names): Step[] {
  const displayName = names.group('Engineering');
  const groups = (expression: string) => `/Groups?excludedAttributes=members&${entraFilter(expression)}`;
  const isMember = (label: string, fact: 'member' | 'manager', count: number) =>
    lookup(
      label,
      count === 0
        ? NO_MATCH_HINT
        : 'Entra checks a membership with id eq "group" and members[value eq "user"].',
      (facts) => groups(`id eq "${facts.group}" and members[value eq "${facts[fact]}"]`),
      ['group', fact, 'groupChanged'],
      list(count),
    );
  return [
    emptyLookup(
      'test connection: a random GUID displayName finds nothing',
      groups(`displayName eq "${crypto.randomUUID()}"`),
    ),
    extraUser(
      'group: POST /Users for a member',
      'member',
      entraUser(names.user('grace'), `${names.prefix}-grace`),
    ),
    emptyLookup('group: displayName lookup finds nothing', groups(`displayName eq "${displayName}"`)),
    step({
      name: 'group: POST /Groups with the ADSCIM schema',
      hint:
        'Entra creates groups without members, with a Microsoft schema URN beside the core one and meta: ' +
        'ignore both, and answer 201 with the group and its id.',
      request: () => ({
        method: 'POST',
        path: '/Groups',
        body: {
          schemas: [GROUP, ADSCIM_GROUP],
          externalId: `${names.prefix}-objectid`,
          displayName,
          meta: { resourceType: 'Group' },
        },
      }),
      expect: [status(201), jsonBody, notEmpty('id'), equals('displayName', displayName)],
      saves: { group: idOf },
    }),
    lookup(
      'validator: displayName in other case finds the group, without members',
      'Entra looks groups up by displayName eq, case-insensitively, with excludedAttributes=members: one ' +
        'result, and no members in it.',
      () => groups(`displayName eq "${displayName.toUpperCase()}"`),
      ['group'],
      [
        ...list(1),
        equalsFact('Resources[0].id', 'group'),
        absent('Resources[0].members', 'excludedAttributes=members'),
      ],
    ),
    patchStep({
      name: 'group: PATCH add two members',
      hint: 'Entra adds several members in one PATCH, each {$ref: null, value: id}.',
      of: 'group',
      needs: ['member', 'manager'],
      operations: (facts) => [
        {
          op: d.op('add'),
          path: 'members',
          value: [facts.member, facts.manager].map((value) => ({ $ref: null, value })),
        },
      ],
    }),
    isMember('group: the membership filter finds the member', 'member', 1),
    patchStep({
      name: 'group: PATCH remove one member',
      hint: d.hints.removeMember,
      of: 'group',
      needs: ['member'],
      operations: (facts) => [d.removeMember(facts.member)],
    }),
    isMember('group: the removed member is no longer found', 'member', 0),
    isMember('group: the other member stays', 'manager', 1),
    patchStep({
      name: 'group: PATCH rename',
      hint: 'Entra renames with path displayName.',
      of: 'group',
      operations: () => [{ op: d.op('replace'), path: 'displayName', value: names.group('Engineering EU') }],
    }),
    readBack('Groups', {
      name: 'validator: GET the group excluding members',
      hint: 'GET /Groups/{id}?excludedAttributes=members must answer the group, renamed, without members.',
      query: '?excludedAttributes=members',
      expect: [
        equals('displayName', names.group('Engineering EU')),
        absent('members', 'excludedAttributes=members'),
      ],
    }),
    ...deleteSteps('Groups', 'group delete'),
  ];
}
