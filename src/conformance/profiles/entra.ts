// Microsoft Entra ID, in its default ("legacy") PATCH dialect and with `?aadOptscim062020`
// (idp-behaviour.md §2, §7), plus the checks of Microsoft's SCIM Validator that replay as requests.
import {
  absent,
  equals,
  equalsFact,
  equalsIfReturned,
  equalsIgnoringCase,
  idOf,
  jsonBody,
  list,
  mark,
  notEmpty,
  resourceOrNoContent,
  status,
} from '../checks.ts';
import { type Check, type FactName, type Facts, type Names, type Profile, type Step, step } from '../step.ts';
import {
  deleteSteps,
  ENTERPRISE,
  emptyLookup,
  entraFilter,
  extraUser,
  GROUP,
  NO_MATCH_HINT,
  PATCH_HINT,
  pagingSteps,
  patchOp,
  readBack,
  USER,
} from './shared.ts';

/** Odd on purpose: Entra compares what it reads back with what it sent, and re-sends any difference. */
const PHONE = '+1 (555) 010-0100';

/** What differs between the two dialects; everything else is sent alike. */
interface Dialect {
  readonly name: 'entra' | 'entra-2020';
  readonly title: string;
  readonly query?: string;
  /** Legacy capitalises ops: `Replace`, `Add`, `Remove`. */
  readonly op: (name: 'add' | 'replace' | 'remove') => string;
  /** Legacy sends `active` as the string "True"/"False": its attribute mapping yields strings. */
  readonly active: (value: boolean) => boolean | string;
  readonly update: (email: string) => unknown[];
  readonly removeMember: (id: string) => unknown;
  readonly hints: { readonly update: string; readonly active: string; readonly removeMember: string };
}

const LEGACY: Dialect = {
  name: 'entra',
  title: 'Microsoft Entra ID, default (legacy) PATCH dialect',
  op: (name) => name[0]?.toUpperCase() + name.slice(1),
  active: (value) => (value ? 'True' : 'False'),
  update: (email) => [
    { op: 'Replace', path: 'emails[type eq "work"].value', value: email },
    { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: PHONE },
    { op: 'Replace', path: 'name.familyName', value: 'King' },
    { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '1002' },
    { op: 'Add', path: 'nickName', value: 'Ada' },
  ],
  removeMember: (id) => ({ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }),
  hints: {
    update:
      'Entra’s default dialect sends one operation per changed attribute, ops capitalised (Replace, Add): treat ' +
      'op case-insensitively, accept value-filter, sub-attribute and extension-URN paths, and let a replace ' +
      'whose filter matches nothing (a first work phone) add the element.',
    active:
      'Entra’s default dialect sends active as the string "True" or "False": accept exactly those strings, in ' +
      'any case, as booleans.',
    removeMember:
      'Entra’s default dialect removes members with path "members" and a value list: remove only the listed ' +
      'members, never the whole membership.',
  },
};

const FLAGGED: Dialect = {
  name: 'entra-2020',
  title: 'Microsoft Entra ID with ?aadOptscim062020 (RFC-compliant PATCH)',
  query: 'aadOptscim062020',
  op: (name) => name,
  active: (value) => value,
  update: (email) => [
    { op: 'replace', path: 'emails[type eq "work"].value', value: email },
    { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: PHONE },
    {
      op: 'replace',
      value: { 'name.familyName': 'King', [`${ENTERPRISE}:employeeNumber`]: '1002', nickName: 'Ada' },
    },
  ],
  removeMember: (id) => ({ op: 'remove', path: `members[value eq "${id}"]` }),
  hints: {
    update:
      'With aadOptscim062020 Entra folds plain attributes into one path-less replace whose keys are attribute ' +
      'paths: dotted sub-attributes (name.familyName) and extension URNs. A replace whose filter matches ' +
      'nothing (a first work phone) adds the element. Accept the ?aadOptscim062020 query on every route.',
    active: 'With aadOptscim062020 Entra sends active as a JSON boolean with a lower-case op.',
    removeMember: 'With aadOptscim062020 Entra removes a member with the path members[value eq "id"].',
  },
};

/** Entra's create body: it sends meta (readOnly), roles: [], nulls for empty values and the enterprise extension. */
export function entraUser(userName: string, externalId: string) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId,
    userName,
    active: true,
    displayName: 'Ada Lovelace',
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
    title: 'Engineer',
    [ENTERPRISE]: { department: 'R&D', employeeNumber: '1001' },
    roles: [],
    addresses: null,
    phoneNumbers: null,
  };
}

const FOUND_HINT =
  'Entra matches users by userName (or externalId, or the work email) with eq, case-insensitively, and starts ' +
  'every cycle with that filter: it must find the user, inactive or not, exactly once.';

/** A filter Entra sends; `expect` runs on the ListResponse. */
function lookup<K extends FactName = never>(
  name: string,
  hint: string,
  path: (facts: Pick<Facts, K>) => string,
  needs: readonly K[],
  expect: readonly Check<K>[],
): Step {
  return step({ name, hint, needs, request: (facts) => ({ method: 'GET', path: path(facts) }), expect });
}

/** A PATCH of the flow's user or group; the read-backs after it wait for its acknowledgement. */
function patchStep<K extends FactName = never>(def: {
  name: string;
  hint: string;
  of: 'user' | 'group';
  needs?: readonly K[];
  operations: (facts: Pick<Facts, K>) => unknown[];
  expect?: readonly Check[];
}): Step {
  const { of } = def;
  return step({
    name: def.name,
    hint: `${def.hint} ${PATCH_HINT}`,
    needs: [of, ...(def.needs ?? [])],
    request: (facts) => ({
      method: 'PATCH',
      path: `/${of === 'user' ? 'Users' : 'Groups'}/${facts[of]}`,
      body: patchOp(...def.operations(facts)),
    }),
    expect: [resourceOrNoContent, ...(def.expect ?? [])],
    saves: of === 'user' ? { userChanged: mark } : { groupChanged: mark },
  });
}

function userSteps(d: Dialect, names: Names): Step[] {
  const userName = names.user('ada');
  const email = names.user('ada.king');
  const byUserName = (value: string) => `/Users?${entraFilter(`userName eq "${value}"`)}`;
  const activeSteps = (active: boolean, label: string) => [
    patchStep({
      name: `${label}: PATCH active ${JSON.stringify(d.active(active))}`,
      hint: d.hints.active,
      of: 'user',
      operations: () => [{ op: d.op('replace'), path: 'active', value: d.active(active) }],
      expect: [equalsIfReturned('active', active)],
    }),
    lookup(
      `${label}: the filter finds the user with active ${active}`,
      FOUND_HINT,
      () => byUserName(userName),
      ['user', 'userChanged'],
      [...list(1), equalsFact('Resources[0].id', 'user'), equals('Resources[0].active', active)],
    ),
  ];
  return [
    emptyLookup('test connection: a random GUID userName finds nothing', byUserName(crypto.randomUUID())),
    emptyLookup('create: userName lookup finds nothing', byUserName(userName)),
    step({
      name: 'create: POST /Users',
      hint:
        'Entra sends meta, roles: [] and the enterprise extension on create, with the extension URN in schemas: ' +
        'ignore the readOnly meta and answer 201 with the user and its id.',
      request: () => ({ method: 'POST', path: '/Users', body: entraUser(userName, `${names.prefix}-ada`) }),
      expect: [status(201), jsonBody, notEmpty('id'), equals('userName', userName)],
      saves: { user: idOf },
    }),
    step({
      name: 'validator: a duplicate user is 409',
      hint: 'A POST with an existing userName must answer 409 with scimType uniqueness.',
      needs: ['user'],
      request: () => ({ method: 'POST', path: '/Users', body: entraUser(userName, `${names.prefix}-ada`) }),
      expect: [status(409)],
    }),
    lookup(
      'validator: the userName in other case finds the user',
      FOUND_HINT,
      () => byUserName(userName.toUpperCase()),
      ['user'],
      [...list(1), equalsFact('Resources[0].id', 'user')],
    ),
    lookup(
      'validator: externalId eq finds the user',
      FOUND_HINT,
      () => `/Users?${entraFilter(`externalId eq "${names.prefix}-ada"`)}`,
      ['user'],
      [...list(1), equalsFact('Resources[0].id', 'user')],
    ),
    lookup(
      'validator: emails[type eq "work"].value eq finds the user',
      FOUND_HINT,
      () => `/Users?${entraFilter(`emails[type eq "work"].value eq "${userName}"`)}`,
      ['user'],
      [...list(1), equalsFact('Resources[0].id', 'user')],
    ),
    patchStep({
      name: 'update: PATCH changed attributes, no If-Match',
      hint: `${d.hints.update} Entra sends no If-Match: updates must not require one.`,
      of: 'user',
      operations: () => d.update(email),
    }),
    lookup(
      'update: the filter shows the changes, the rest kept',
      'Entra reads the user back with its filter and compares: every change must come back exactly as sent ' +
        '(no reformatted phone numbers), and untouched attributes must stay. Otherwise it re-sends the PATCH ' +
        'every cycle.',
      () => byUserName(userName),
      ['user', 'userChanged'],
      [
        ...list(1),
        equalsIgnoringCase('Resources[0].emails[0].value', email),
        equals('Resources[0].phoneNumbers[0].value', PHONE),
        equals('Resources[0].phoneNumbers[0].type', 'work'),
        equals('Resources[0].name.familyName', 'King'),
        equals('Resources[0].name.givenName', 'Ada'),
        equals('Resources[0].nickName', 'Ada'),
        equals(`Resources[0].${ENTERPRISE}:employeeNumber`, '1002'),
        equals(`Resources[0].${ENTERPRISE}:department`, 'R&D'),
      ],
    ),
    patchStep({
      name: 'null update: PATCH nickName "" clears it',
      hint: 'Microsoft’s null-update test replaces an optional attribute with "": that clears it (RFC 7643 §2.5).',
      of: 'user',
      operations: () => [{ op: d.op('replace'), path: 'nickName', value: '' }],
    }),
    readBack('Users', {
      name: 'null update: GET shows no nickName',
      hint: 'An attribute replaced with "" has no value, and is left out of the resource.',
      expect: [absent('nickName', 'it was cleared')],
    }),
    ...activeSteps(false, 'disable'),
    ...activeSteps(true, 're-enable'),
    extraUser(
      'manager: POST /Users for the manager',
      'manager',
      entraUser(names.user('boss'), `${names.prefix}-boss`),
    ),
    patchStep({
      name: 'manager: PATCH the manager as a bare id',
      hint: 'Entra sets the manager in a separate PATCH whose value is the manager’s id as a plain string.',
      of: 'user',
      needs: ['manager'],
      operations: (facts) => [{ op: d.op('add'), path: `${ENTERPRISE}:manager`, value: facts.manager }],
    }),
    readBack('Users', {
      name: 'manager: GET renders the manager as {value}',
      hint:
        'Render manager as the RFC complex attribute {value: id}; other shapes make Entra fail with ' +
        'SystemForCrossDomainIdentityManagementServiceIncompatible and re-send the PATCH every cycle.',
      needs: ['manager'],
      expect: [equalsFact(`${ENTERPRISE}:manager.value`, 'manager')],
    }),
    lookup(
      'manager: id eq … and manager eq … finds the user',
      'Entra checks the current manager with the filter id eq "user" and manager eq "manager".',
      (facts) => `/Users?${entraFilter(`id eq "${facts.user}" and manager eq "${facts.manager}"`)}`,
      ['user', 'manager', 'userChanged'],
      [...list(1)],
    ),
    patchStep({
      name: 'manager: PATCH {value: ""} removes it',
      hint: 'Microsoft’s validator removes a manager by replacing it with {value: ""}: treat that as removal.',
      of: 'user',
      operations: () => [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }],
    }),
    readBack('Users', {
      name: 'manager: GET shows no manager',
      hint: 'After the removal the user must have no manager, not a manager with an empty value.',
      expect: [absent(`${ENTERPRISE}:manager`, 'it was removed')],
    }),
    ...pagingSteps(
      'validator paging',
      5,
      'Microsoft’s validation pages users by 5 and checks that startIndex is echoed; pages must be full and the ' +
        'order stable.',
    ),
    ...deleteSteps('Users', 'hard delete'),
    step({
      name: 'validator: deleting the deleted user again is 404',
      hint: 'A DELETE of a user that no longer exists must answer 404, not 204 or 500.',
      needs: ['user', 'userChanged'],
      request: (facts) => ({ method: 'DELETE', path: `/Users/${facts.user}` }),
      expect: [status(404)],
    }),
  ];
}

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

function groupSteps(d: Dialect, names: Names): Step[] {
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

function profileOf(d: Dialect): Profile {
  return {
    name: d.name,
    title: d.title,
    headers: {},
    bodyHeaders: { 'Content-Type': 'application/scim+json' },
    ...(d.query ? { query: d.query } : {}),
    steps: (names) => userSteps(d, names),
    groupSteps: (names) => groupSteps(d, names),
  };
}

export const entra = profileOf(LEGACY);
export const entra2020 = profileOf(FLAGGED);
