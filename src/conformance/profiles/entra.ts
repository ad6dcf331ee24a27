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
  notEmpty,
  status,
} from '../checks.ts';
import { type Names, type Profile, type Step, step } from '../step.ts';
import { type Dialect, entraUser, FLAGGED, LEGACY, PHONE } from './entra-dialects.ts';
import { entraGroupSteps } from './entra-groups.ts';
import {
  deleteSteps,
  ENTERPRISE,
  emptyLookup,
  entraFilter,
  extraUser,
  lookup,
  pagingSteps,
  patchStep,
  readBack,
} from './shared.ts';

const FOUND_HINT =
  'Entra matches users by userName (or externalId, or the work email) with eq, case-insensitively, and starts ' +
  'every cycle with that filter: it must find the user, inactive or not, exactly once.';

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

function profileOf(d: Dialect): Profile {
  return {
    name: d.name,
    title: d.title,
    headers: {},
    bodyHeaders: { 'Content-Type': 'application/scim+json' },
    ...(d.query ? { query: d.query } : {}),
    steps: (names) => userSteps(d, names),
    groupSteps: (names) => entraGroupSteps(d, names),
  };
}

export const entra = profileOf(LEGACY);
export const entra2020 = profileOf(FLAGGED);
