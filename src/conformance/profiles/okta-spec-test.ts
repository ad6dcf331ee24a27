// Okta's "SCIM 2.0 SPEC Test" (Runscope/BlazeMeter suite), its 11 required steps in its order, with
// its own headers; its optional Groups step is added with --groups (idp-behaviour.md §1.6).
import {
  equals,
  equalsFact,
  equalsIgnoringCase,
  hasSchema,
  idAt,
  idOf,
  jsonBody,
  list,
  notEmpty,
  scimError,
  status,
} from '../checks.ts';
import { type Names, type Step, step } from '../step.ts';
import { emptyLookup, USER } from './shared.ts';

/** The suite's GETs carry a Content-Type although they have no body; its POSTs send application/json. */
const GET_HEADERS = {
  'Content-Type': 'application/scim+json; charset=utf-8',
  'User-Agent': 'OKTA SCIM Integration',
};
const POST_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/scim+json; charset=utf-8' };

const USER_FIELDS = ['id', 'name.familyName', 'name.givenName', 'userName', 'active', 'emails[0].value'];

const ERROR_HINT =
  'Unknown or malformed ids must answer 404 with a SCIM error (Error schema, status "404", a detail), never ' +
  '400 or 500: the Spec Test sends ids that are neither UUIDs nor yours.';

/** Runscope sends the filter with raw spaces and quotes, and encodes them itself. */
const byUserName = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

export function oktaSpecTest(names: Names): Step[] {
  const given = 'Runscope123';
  const userName = names.user('spec');
  const body = {
    schemas: [USER],
    userName,
    name: { givenName: given, familyName: 'Qwertyuio456' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} Qwertyuio456`,
    active: true,
  };
  const get = (path: string) => ({ method: 'GET', path, headers: GET_HEADERS }) as const;
  const post = () => ({ method: 'POST', path: '/Users', body, headers: POST_HEADERS }) as const;
  return [
    step({
      name: 'Spec Test 1: GET /Users?count=1&startIndex=1',
      hint:
        'The first user the server lists must carry id, userName, active, name.givenName, name.familyName and ' +
        'an email, in a ListResponse with integer paging numbers.',
      request: () => get('/Users?count=1&startIndex=1'),
      expect: [...list(), notEmpty(...USER_FIELDS.map((field) => `Resources[0].${field}`))],
      saves: { firstUser: idAt('Resources[0].id') },
    }),
    step({
      name: 'Spec Test 2: GET /Users/{id} of that user',
      hint: 'GET /Users/{id} must answer 200 with the same user and the same fields.',
      needs: ['firstUser'],
      request: (facts) => get(`/Users/${facts.firstUser}`),
      expect: [status(200), jsonBody, notEmpty(...USER_FIELDS), equalsFact('id', 'firstUser')],
    }),
    emptyLookup(
      'Spec Test 3: an unknown userName is an empty list',
      byUserName(names.user('abcdefgh')),
      GET_HEADERS,
    ),
    step({
      name: 'Spec Test 4: an unknown id is 404',
      hint: ERROR_HINT,
      request: () => get('/Users/010101001010101011001010101011'),
      expect: scimError(404),
    }),
    emptyLookup('Spec Test 5: the random user does not exist yet', byUserName(userName), GET_HEADERS),
    step({
      name: 'Spec Test 6: POST /Users with application/json',
      hint:
        'Accept application/json as well as application/scim+json, and answer 201 with the user: active true, ' +
        'an id, the names and userName as sent, the core User schema.',
      request: post,
      expect: [
        status(201),
        jsonBody,
        notEmpty('id'),
        equals('active', true),
        equals('userName', userName),
        equals('name.givenName', given),
        hasSchema(USER),
      ],
      saves: { specUser: idOf },
    }),
    step({
      name: 'Spec Test 7: GET /Users/{id} of the new user',
      hint: 'The created user must read back with the userName and names it was created with.',
      needs: ['specUser'],
      request: (facts) => get(`/Users/${facts.specUser}`),
      expect: [
        status(200),
        jsonBody,
        equals('userName', userName),
        equals('name.familyName', 'Qwertyuio456'),
      ],
    }),
    step({
      name: 'Spec Test 8: creating the same user again is 409',
      hint: 'A POST with a userName that exists must answer 409 with scimType uniqueness and a detail Okta shows.',
      needs: ['specUser'],
      request: post,
      expect: [status(409)],
    }),
    step({
      name: 'Spec Test 9: the userName in capitals finds the user',
      hint:
        'userName is case-insensitive (RFC 7643 §4.1.1): the filter with the name in capitals must find the ' +
        'user, or Okta creates a duplicate.',
      needs: ['specUser'],
      request: () => get(byUserName(userName.toUpperCase())),
      expect: [
        ...list(1),
        equalsFact('Resources[0].id', 'specUser'),
        equalsIgnoringCase('Resources[0].userName', userName),
      ],
    }),
    step({
      name: 'Spec Test 11: a malformed Authorization header is a JSON 401',
      hint:
        'Any request without a valid credential, however malformed the header, must answer 401 with a SCIM ' +
        'error body (status "401", a detail), not an HTML page or a 400.',
      request: () => ({
        ...get(byUserName(userName)),
        headers: { ...GET_HEADERS, Authorization: 'non-token' },
      }),
      expect: scimError(401),
    }),
    step({
      name: 'Spec Test 12: a numeric unknown id is 404',
      hint: ERROR_HINT,
      request: () => get('/Users/00919288221112222'),
      expect: scimError(404),
    }),
  ];
}

/** The suite's optional step 10, run with --groups. */
export const specTestGroups = step({
  name: 'Spec Test 10: GET /Groups',
  hint: 'GET /Groups with no parameters must answer 200 with a ListResponse whose Resources is a list.',
  request: () => ({ method: 'GET', path: '/Groups', headers: GET_HEADERS }),
  expect: list(),
});
