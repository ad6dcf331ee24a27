// RFC 7643/7644 (and 9865) features beyond what Okta and Entra send, which outside checkers and other
// clients use: discovery of the discovery schemas, a shared externalId, cursor paging (RFC 9865), /Me,
// extension-URN PATCH paths, removal of single-valued attributes, and /Bulk with bulkId references.
import { BULK_REQUEST, BULK_RESPONSE } from '../../scim/bulk/bulk-request.ts';
import { PATCH_OP_SCHEMA } from '../../scim/patch/parse-patch-request.ts';
import { DISCOVERY_SCHEMAS } from '../../scim/schema/discovery-schemas.ts';
import { absent, equals, hasSchema, idOf, jsonBody, mark, scimError, status, valueAt } from '../checks.ts';
import { type Check, type Names, type Profile, type Step, step } from '../step.ts';
import { ENTERPRISE, GROUP, idsOf, patchStep, readBack, repeatsNothing, USER } from './shared.ts';

const DISCOVERY_SCHEMA_IDS = DISCOVERY_SCHEMAS.map((schema) => schema.id);

/** The `status` of each BulkResponse operation, in order. */
function bulkStatuses(...expected: string[]): Check {
  return (res) => {
    const operations = valueAt(res.body, 'Operations');
    const actual = Array.isArray(operations) ? operations.map((op) => valueAt(op, 'status')) : operations;
    return JSON.stringify(actual) === JSON.stringify(expected)
      ? undefined
      : `operation statuses are ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  };
}

const CURSOR_HINT =
  'RFC 9865: GET /Users?cursor= starts a cursor walk; each page but the last gives nextCursor, which the next ' +
  'request sends as cursor; no user appears on two pages. ServiceProviderConfig says so in its pagination block.';

const bulk = (...Operations: unknown[]) =>
  ({ method: 'POST', path: '/Bulk', body: { schemas: [BULK_REQUEST], Operations } }) as const;

const BULK_HINT =
  'POST /Bulk (RFC 7644 §3.7) answers 200 with a BulkResponse whose Operations give each status as a string; ' +
  'a "bulkId:X" value stands for the id that the operation with bulkId X creates, wherever it stands in the request.';

/** A cursor walk over the users this run created (three by now), one per page. */
function cursorSteps(names: Names): Step[] {
  const mine = `&count=1&filter=${encodeURIComponent(`userName sw "${names.prefix}"`)}`;
  return [
    step({
      name: 'cursor: the first page of GET /Users?cursor= gives a nextCursor',
      hint: CURSOR_HINT,
      request: () => ({ method: 'GET', path: `/Users?cursor=${mine}` }),
      expect: [
        status(200),
        jsonBody,
        (res) => (idsOf(res.body).length === 1 ? undefined : 'expected one user'),
      ],
      saves: {
        firstPage: (res) => idsOf(res.body) as string[],
        nextCursor: (res) => {
          const next = valueAt(res.body, 'nextCursor');
          return typeof next === 'string' ? next : undefined;
        },
      },
    }),
    step({
      name: 'cursor: following nextCursor gives the next user, not one already seen',
      hint: CURSOR_HINT,
      needs: ['firstPage', 'nextCursor'],
      request: (facts) => ({
        method: 'GET',
        path: `/Users?cursor=${encodeURIComponent(facts.nextCursor)}${mine}`,
      }),
      expect: [
        status(200),
        jsonBody,
        (res) => (idsOf(res.body).length === 1 ? undefined : 'expected one user'),
        repeatsNothing,
      ],
    }),
    step({
      name: 'cursor: a cursor the server never issued is 400 invalidCursor',
      hint: 'RFC 9865: a malformed or unknown cursor is answered 400 with scimType invalidCursor.',
      request: () => ({ method: 'GET', path: '/Users?cursor=not-a-cursor' }),
      expect: [...scimError(400), equals('scimType', 'invalidCursor')],
    }),
  ];
}

function steps(names: Names): Step[] {
  const userName = names.user('rfc');
  return [
    step({
      name: 'discovery: /Schemas describes the ServiceProviderConfig, ResourceType and Schema resources',
      hint: 'RFC 7643 §7 and §8.7.2: /Schemas also lists the schemas of the discovery resources themselves.',
      request: () => ({ method: 'GET', path: '/Schemas' }),
      expect: [
        status(200),
        jsonBody,
        (res) => {
          const resources = valueAt(res.body, 'Resources');
          const ids = Array.isArray(resources) ? resources.map((s) => valueAt(s, 'id')) : [];
          const missing = DISCOVERY_SCHEMA_IDS.filter((urn) => !ids.includes(urn));
          return missing.length === 0 ? undefined : `missing: ${missing.join(', ')}`;
        },
      ],
    }),
    step({
      name: '/Me with a credential that is no user answers 501',
      hint: 'RFC 7644 §3.11: when the credential maps to no User, /Me is 501 Not Implemented with a SCIM error, not 404.',
      request: () => ({ method: 'GET', path: '/Me' }),
      expect: scimError(501),
    }),
    ...['first', 'second'].map((which) =>
      step({
        name: `externalId is not unique: the ${which} user with one externalId is 201`,
        hint: 'RFC 7643 §3.1 gives externalId no uniqueness; IdPs send one externalId for several resources.',
        request: () => ({
          method: 'POST',
          path: '/Users',
          body: {
            schemas: [USER],
            userName: names.user(`ext-${which}`),
            externalId: `${names.prefix}-shared`,
          },
        }),
        expect: [status(201), jsonBody],
      }),
    ),
    step({
      name: 'create: POST /Users with an enterprise extension',
      hint: 'POST /Users must answer 201 with the user and its id.',
      request: () => ({
        method: 'POST',
        path: '/Users',
        body: {
          schemas: [USER, ENTERPRISE],
          userName,
          title: 'Analyst',
          [ENTERPRISE]: { employeeNumber: '42', department: 'Sales' },
        },
      }),
      expect: [status(201), jsonBody],
      saves: { user: idOf, userChanged: mark },
    }),
    ...cursorSteps(names),
    patchStep({
      name: 'PATCH add with the extension URN as the path',
      hint:
        'RFC 7644 §3.5.2: a path may be an extension schema URN; with an object value, add and replace merge ' +
        'into that extension.',
      of: 'user',
      operations: () => [{ op: 'add', path: ENTERPRISE, value: { department: 'R&D', costCenter: 'C1' } }],
    }),
    readBack('Users', {
      name: 'the extension holds the merged values',
      hint: 'After the PATCH the extension keeps employeeNumber and has the new department and costCenter.',
      expect: [
        (res) => {
          const extension = (res.body as Record<string, unknown> | undefined)?.[ENTERPRISE];
          const want = { employeeNumber: '42', department: 'R&D', costCenter: 'C1' };
          const got = Object.fromEntries(Object.keys(want).map((key) => [key, valueAt(extension, key)]));
          return JSON.stringify(got) === JSON.stringify(want)
            ? undefined
            : `${ENTERPRISE} is ${JSON.stringify(extension)}`;
        },
      ],
    }),
    patchStep({
      name: 'PATCH remove of a single-valued attribute',
      hint: 'RFC 7644 §3.5.2.2: remove with a path to a single-valued attribute removes it.',
      of: 'user',
      operations: () => [{ op: 'remove', path: 'title' }],
    }),
    readBack('Users', {
      name: 'the removed attribute is gone',
      hint: 'After remove, GET must not return the attribute.',
      expect: [absent('title', 'it was removed')],
    }),
    step({
      name: 'bulk: a group and the user it names, in either order',
      hint: BULK_HINT,
      request: () =>
        bulk(
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'team',
            data: {
              schemas: [GROUP],
              displayName: names.group('Bulk'),
              members: [{ value: 'bulkId:member' }],
            },
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'member',
            data: { schemas: [USER], userName: names.user('bulk') },
          },
        ),
      expect: [status(200), jsonBody, hasSchema(BULK_RESPONSE), bulkStatuses('201', '201')],
      saves: {
        group: (res) =>
          String(valueAt(res.body, 'Operations[0].location') ?? '')
            .split('/')
            .pop() || undefined,
        groupChanged: mark,
      },
    }),
    readBack('Groups', {
      name: 'bulk: the group holds the user created after it',
      hint: 'The "bulkId:member" value must have become the id of the user the other operation created.',
      expect: [
        (res) => {
          const members = valueAt(res.body, 'members');
          return Array.isArray(members) && members.length === 1
            ? undefined
            : `members are ${JSON.stringify(members)}, expected the one bulk-created user`;
        },
      ],
    }),
    step({
      name: 'bulk: circular references are refused with 409',
      hint: 'RFC 7644 §3.7.1: a server that cannot resolve a circular reference answers those operations 409.',
      request: () =>
        bulk(
          ...['a', 'b'].map((id, i) => ({
            method: 'POST',
            path: '/Groups',
            bulkId: id,
            data: {
              schemas: [GROUP],
              displayName: names.group(`Circle ${id}`),
              members: [{ value: `bulkId:${i === 0 ? 'b' : 'a'}` }],
            },
          })),
        ),
      expect: [status(200), jsonBody, bulkStatuses('409', '409')],
    }),
    step({
      name: 'bulk: a patch operation names its target by bulkId',
      hint: BULK_HINT,
      needs: ['user'],
      request: (facts) =>
        bulk(
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g',
            data: { schemas: [GROUP], displayName: names.group('Bulk patched') },
          },
          {
            method: 'PATCH',
            path: '/Groups/bulkId:g',
            data: {
              schemas: [PATCH_OP_SCHEMA],
              Operations: [{ op: 'add', path: 'members', value: [{ value: facts.user }] }],
            },
          },
        ),
      expect: [status(200), jsonBody, bulkStatuses('201', '200')],
    }),
  ];
}

export const rfc: Profile = {
  name: 'rfc',
  title: 'RFC 7643/7644 and 9865 beyond what the IdPs send (discovery, /Me, cursors, PATCH paths, /Bulk)',
  headers: { Accept: 'application/scim+json' },
  bodyHeaders: { 'Content-Type': 'application/scim+json' },
  steps,
  groupSteps: () => [],
};
