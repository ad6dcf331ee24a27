// What both kinds of Okta app send alike (idp-behaviour.md §1.2–§1.4, §1.7 and §7).
import {
  absent,
  equals,
  equalsFact,
  equalsIgnoringCase,
  idOf,
  jsonBody,
  list,
  mark,
  notEmpty,
  status,
} from '../checks.ts';
import type { Names, Profile, Step } from '../step.ts';
import { step } from '../step.ts';
import {
  deleteSteps,
  emptyLookup,
  extraUser,
  GROUP,
  oktaFilter,
  pagingSteps,
  readBack,
  readResource,
  USER,
} from './shared.ts';

/** Okta's SCIM client sends these on every request, and a scim+json Content-Type with a body. */
const OKTA_HEADERS: Pick<Profile, 'headers' | 'bodyHeaders'> = {
  headers: {
    'User-Agent': 'Okta SCIM Client 1.0.0',
    Accept: 'application/scim+json',
    'Accept-Charset': 'utf-8',
    'Accept-Encoding': 'gzip,deflate',
  },
  bodyHeaders: { 'Content-Type': 'application/scim+json; charset=utf-8' },
};

/** The create body of an assignment: Okta always sends a placeholder password, groups and its own id. */
export function oktaUser(userName: string, givenName: string) {
  return {
    schemas: [USER],
    userName,
    name: { givenName, familyName: 'Lovelace' },
    // Okta's default mapping sends the secondary email too, typeless when Okta has no type for it.
    emails: [
      { primary: true, value: userName, type: 'work' },
      { primary: false, value: `alt.${userName}` },
    ],
    displayName: `${givenName} Lovelace`,
    locale: 'en-US',
    externalId: `00u${crypto.randomUUID().replaceAll('-', '').slice(0, 17)}`,
    groups: [],
    password: 'x8Kq2mP0',
    active: true,
  };
}

const connectionTest = step({
  name: 'connection test: GET /Users?startIndex=1&count=2',
  hint:
    'Okta’s “Test API Credentials” sends exactly this and needs 200 with a ListResponse whose totalResults, ' +
    'startIndex and itemsPerPage are JSON integers. A 401 means the token was refused: check --token, which ' +
    'is sent as “Authorization: Bearer <token>”.',
  request: () => ({ method: 'GET', path: '/Users?startIndex=1&count=2' }),
  expect: list(),
});

/** Assignment: look the userName up, create, then the CRUD test's read-back (its step 4). */
function assignSteps(names: Names): Step[] {
  const userName = names.user('ada');
  return [
    emptyLookup('assign: userName lookup finds nothing', `/Users?${oktaFilter(`userName eq "${userName}"`)}`),
    step({
      name: 'assign: POST /Users',
      hint:
        'Okta needs 201 with the whole user, id included (an empty body fails with “Create new user returned ' +
        'empty user”). It always sends password (even with password sync off), groups: [] and externalId: ' +
        'accept them, and never return the password.',
      request: () => ({ method: 'POST', path: '/Users', body: oktaUser(userName, 'Ada') }),
      expect: [
        status(201),
        jsonBody,
        notEmpty('id'),
        equals('userName', userName),
        absent('password', 'never return it'),
      ],
      saves: { user: idOf },
    }),
    step({
      name: 'CRUD test 4: the userName filter finds the user, work email first',
      hint:
        'Okta’s CRUD test reads the user back by userName: one result, the work email as the first entry of ' +
        'emails, the names as sent.',
      needs: ['user'],
      request: () => ({ method: 'GET', path: `/Users?${oktaFilter(`userName eq "${userName}"`)}` }),
      expect: [
        ...list(1),
        equalsFact('Resources[0].id', 'user'),
        equalsIgnoringCase('Resources[0].userName', userName),
        equalsIgnoringCase('Resources[0].emails[0].value', userName),
        equals('Resources[0].name.givenName', 'Ada'),
        equals('Resources[0].name.familyName', 'Lovelace'),
      ],
    }),
  ];
}

const PUT_HINT =
  'Okta PUTs back the object the server returned, with its changes merged in: id, meta, schemas and groups ' +
  'echoed, sometimes a password, emptied attributes as "" or null. Ignore the readOnly ones (RFC 7643 §2.2), ' +
  'replace the rest, and answer 200 with the updated user.';

/** GET, then PUT of what was read with `change` merged in: Okta's profile update, and AIW's everything. */
export function getThenPut(
  label: string,
  change: Record<string, unknown>,
  ...expect: Step['expect']
): Step[] {
  return [
    readResource('Users', `${label}: GET /Users/{id}`),
    step({
      name: `${label}: PUT /Users/{id}`,
      hint: PUT_HINT,
      needs: ['user', 'userDoc'],
      request: (facts) => ({
        method: 'PUT',
        path: `/Users/${facts.user}`,
        body: { ...facts.userDoc, ...change },
      }),
      expect: [
        status(200),
        jsonBody,
        equalsFact('id', 'user'),
        absent('password', 'never return it'),
        ...expect,
      ],
      saves: { userChanged: mark },
    }),
  ];
}

/** Okta's QA pushes emptied attributes too (C9337): as "" or null, which must clear them, not fail. */
function profileUpdateSteps(): Step[] {
  const change = { name: { givenName: 'Augusta', familyName: 'Lovelace' }, title: '', nickName: null };
  return [
    ...getThenPut('profile update', change, equals('name.givenName', 'Augusta')),
    readBack('Users', {
      name: 'CRUD test 6: GET shows the new givenName',
      hint: 'After the update, GET /Users/{id} must show it: Okta’s CRUD test reads name.givenName back.',
      expect: [equals('name.givenName', 'Augusta')],
    }),
  ];
}

function crudReadBack(n: number, active: boolean): Step {
  return readBack('Users', {
    name: `CRUD test ${n}: GET shows active ${active}`,
    hint:
      'Okta never deletes users: after a deactivation the user must still be there with active false, and ' +
      'after a re-activation active true under the same id.',
    expect: [equalsFact('id', 'user'), equals('active', active)],
  });
}

/** Re-assignment starts with the lookup again, which must find the inactive user (§1.4.4). */
function reassignLookup(names: Names): Step {
  return step({
    name: 're-assign: userName lookup finds the inactive user',
    hint:
      'Inactive users must still match the userName filter. Otherwise Okta re-assigns with a POST, gets 409 ' +
      'and the user is stuck (“Push new user to external application FAILURE: Conflict”).',
    needs: ['user', 'userChanged'],
    request: () => ({ method: 'GET', path: `/Users?${oktaFilter(`userName eq "${names.user('ada')}"`)}` }),
    expect: [...list(1), equalsFact('Resources[0].id', 'user'), equals('Resources[0].active', false)],
  });
}

const importSteps = pagingSteps(
  'import',
  100,
  'Okta imports by pages of 100, advancing startIndex while totalResults is larger: the numbers must be ' +
    'JSON integers, each page as full as the total allows, and the order stable.',
);

/** Group push needs members: a second assigned user. */
function memberStep(names: Names): Step {
  return extraUser(
    'group push: POST /Users for a second member',
    'member',
    oktaUser(names.user('grace'), 'Grace'),
  );
}

/** Group push starts with a lookup by name, then creates the group empty (§1.4.7). */
function groupCreateSteps(names: Names): Step[] {
  const displayName = names.group('Engineering');
  return [
    emptyLookup(
      'group push: displayName lookup finds nothing',
      `/Groups?${oktaFilter(`displayName eq "${displayName}"`)}`,
    ),
    step({
      name: 'group push: POST /Groups without members',
      hint: 'Okta creates the group with members: [] and needs 201 with its id and displayName.',
      request: () => ({
        method: 'POST',
        path: '/Groups',
        body: { schemas: [GROUP], displayName, members: [] },
      }),
      expect: [status(201), jsonBody, notEmpty('id'), equals('displayName', displayName)],
      saves: { group: idOf },
    }),
  ];
}

export const memberOf = (id: string, names: Names, local: string) => ({
  value: id,
  display: names.user(local),
});

/**
 * The user lifecycle of both kinds, with the CRUD test's read-backs (its steps 4, 6, 8, 11 and 13);
 * the kinds differ in how they set `active` and the password.
 */
export function oktaUserSteps(
  names: Names,
  changes: { afterAssign?: Step[]; setActive: (active: boolean, label: string) => Step[]; password: Step[] },
): Step[] {
  return [
    connectionTest,
    ...assignSteps(names),
    ...(changes.afterAssign ?? []),
    ...profileUpdateSteps(),
    ...changes.setActive(false, 'deactivate'),
    crudReadBack(8, false),
    reassignLookup(names),
    ...changes.setActive(true, 're-activate'),
    crudReadBack(11, true),
    ...changes.password,
    ...changes.setActive(false, 'unassign'),
    crudReadBack(13, false),
    ...importSteps,
  ];
}

/** Group push of both kinds: a member, the lookup and the create, the kind's changes, the delete. */
export function oktaGroupSteps(names: Names, changes: Step[]): Step[] {
  return [
    memberStep(names),
    ...groupCreateSteps(names),
    ...changes,
    ...deleteSteps('Groups', 'unlink and delete'),
  ];
}

/** Both kinds share the headers; the kind decides the verbs. */
export function oktaProfile(
  name: 'okta' | 'okta-aiw',
  title: string,
  steps: Profile['steps'],
  groupSteps: Profile['groupSteps'],
): Profile {
  return { name, title, ...OKTA_HEADERS, steps, groupSteps };
}
