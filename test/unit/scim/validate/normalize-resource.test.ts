import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { ErrorCode } from '../../../../src/errors/catalog.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';
import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { normalizeResource } from '../../../../src/scim/validate/index.ts';

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface Accepted {
  readonly title: string;
  readonly rt?: ResourceTypeDef;
  readonly body: unknown;
  readonly doc: ResourceDoc;
  readonly password?: string;
}

const accepted: Accepted[] = [
  {
    title: 'Okta create (idp-behaviour §1.4.1): groups ignored, password handed back',
    body: {
      schemas: [USER_URN],
      userName: 'ada@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ primary: true, value: 'ada@example.com', type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
      externalId: '00u1abcdEFGHijkl5d7',
      groups: [],
      password: 'x8Kq2mP0',
      active: true,
    },
    doc: {
      userName: 'ada@example.com',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ primary: true, value: 'ada@example.com', type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
      externalId: '00u1abcdEFGHijkl5d7',
      active: true,
    },
    password: 'x8Kq2mP0',
  },
  {
    title: 'Okta PUT echoing id, meta and groups (idp-behaviour §1.4.2)',
    body: {
      schemas: [USER_URN],
      id: 'u-1001',
      externalId: '00u1abcdEFGHijkl5d7',
      userName: 'ada@example.com',
      name: { givenName: 'Ada', middleName: 'King', familyName: 'Lovelace' },
      active: true,
      groups: [],
      meta: { resourceType: 'User', created: '2026-10-01T09:00:00Z', lastModified: '2026-10-01T09:00:00Z' },
    },
    doc: {
      externalId: '00u1abcdEFGHijkl5d7',
      userName: 'ada@example.com',
      name: { givenName: 'Ada', middleName: 'King', familyName: 'Lovelace' },
      active: true,
    },
  },
  {
    title: 'Okta empty mapped values: "" is unassigned, and an email without an address is dropped',
    body: {
      userName: 'ada@example.com',
      title: '',
      name: { givenName: 'Ada', middleName: '' },
      emails: [
        { primary: true, value: 'ada@example.com', type: 'work' },
        { primary: false, value: '', type: '' },
      ],
      phoneNumbers: [{ primary: false, value: '' }],
    },
    doc: {
      userName: 'ada@example.com',
      name: { givenName: 'Ada' },
      emails: [{ primary: true, value: 'ada@example.com', type: 'work' }],
    },
  },
  {
    title: 'Entra create (idp-behaviour §2.4): meta and roles: [] ignored, extension kept',
    body: {
      schemas: [USER_URN, ENTERPRISE],
      externalId: 'ada',
      userName: 'ada@contoso.com',
      active: true,
      displayName: 'Ada Lovelace',
      emails: [{ primary: true, type: 'work', value: 'ada@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
      title: 'Engineer',
      [ENTERPRISE]: { department: 'R&D', employeeNumber: '1001' },
      roles: [],
    },
    doc: {
      externalId: 'ada',
      userName: 'ada@contoso.com',
      active: true,
      displayName: 'Ada Lovelace',
      emails: [{ primary: true, type: 'work', value: 'ada@contoso.com' }],
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
      title: 'Engineer',
      [ENTERPRISE]: { department: 'R&D', employeeNumber: '1001' },
    },
  },
  {
    title: 'older Entra samples: null attributes, even an unknown top-level "manager": null',
    body: { userName: 'ada@contoso.com', addresses: null, phoneNumbers: null, manager: null, active: 'True' },
    doc: { userName: 'ada@contoso.com', active: true },
  },
  {
    title: 'OneLogin templates: "id": null and string booleans',
    body: { id: null, userName: 'ada', active: 'false', meta: { resourceType: 'User' } },
    doc: { userName: 'ada', active: false },
  },
  {
    title: 'names are matched case-insensitively and stored canonically (RFC 7643 §2.1)',
    body: {
      USERNAME: 'ada',
      Name: { GivenName: 'Ada' },
      Emails: [{ VALUE: 'ada@example.com', Primary: 'TRUE' }],
      [ENTERPRISE.toUpperCase()]: { Department: 'R&D' },
    },
    doc: {
      userName: 'ada',
      name: { givenName: 'Ada' },
      emails: [{ value: 'ada@example.com', primary: true }],
      [ENTERPRISE]: { department: 'R&D' },
    },
  },
  ...[
    ['a bare id', 'u-9', { value: 'u-9' }],
    ['{value}', { value: 'u-9', displayName: 'Boss' }, { value: 'u-9' }],
    ['[{$ref, value}]', [{ $ref: '../Users/u-9', value: 'u-9' }], { $ref: '../Users/u-9', value: 'u-9' }],
  ].map(
    ([form, manager, stored]): Accepted => ({
      title: `manager given as ${form} (idp-behaviour §6.12)`,
      body: { userName: 'ada', [ENTERPRISE]: { manager } },
      doc: { userName: 'ada', [ENTERPRISE]: { manager: stored } },
    }),
  ),
  {
    title: 'manager {"value": ""} is no manager, and an emptied extension is dropped',
    body: { userName: 'ada', [ENTERPRISE]: { manager: { value: '' } } },
    doc: { userName: 'ada' },
  },
  {
    title: 'Entra group create: the ADSCIM schema URN and meta are ignored (idp-behaviour §2.5)',
    rt: GROUP_RESOURCE,
    body: {
      schemas: [GROUP_URN, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0',
      displayName: 'Engineering',
      meta: { resourceType: 'Group' },
    },
    doc: { externalId: '8aa1a0c0', displayName: 'Engineering' },
  },
  {
    title: 'Okta group create with members: []',
    rt: GROUP_RESOURCE,
    body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] },
    doc: { displayName: 'Engineering' },
  },
  {
    title: 'group members keep value and type; display and $ref are the server’s',
    rt: GROUP_RESOURCE,
    body: {
      displayName: 'Engineering',
      members: [
        { value: 'u-1001', display: 'ada@example.com' },
        { value: 'g-2', type: 'Group', $ref: 'https://example.com/v2/Groups/g-2' },
        { $ref: null, value: 'u-1004' },
      ],
    },
    doc: {
      displayName: 'Engineering',
      members: [{ value: 'u-1001' }, { value: 'g-2', type: 'Group' }, { value: 'u-1004' }],
    },
  },
  {
    title: 'schemas may be absent',
    body: { userName: 'ada' },
    doc: { userName: 'ada' },
  },
];

describe('normalizeResource: accepted bodies', () => {
  for (const c of accepted) {
    test(c.title, () => {
      const result = normalizeResource(c.rt ?? USER_RESOURCE, c.body);
      assert.deepEqual(result.doc, c.doc);
      assert.equal(result.password, c.password);
    });
  }
});

interface Rejected {
  readonly title: string;
  readonly rt?: ResourceTypeDef;
  readonly body: unknown;
  readonly error: ErrorCode;
  /** Part of the detail: the attribute it names. */
  readonly names?: string;
}

const rejected: Rejected[] = [
  { title: 'a body that is an array', body: [{ userName: 'ada' }], error: 'invalidSyntax' },
  { title: 'a body that is a string', body: 'ada', error: 'invalidSyntax' },
  { title: 'a body that is null', body: null, error: 'invalidSyntax' },
  { title: 'schemas that is a string', body: { schemas: USER_URN, userName: 'ada' }, error: 'invalidSyntax' },
  {
    title: 'schemas holding a number',
    body: { schemas: [USER_URN, 2], userName: 'ada' },
    error: 'invalidSyntax',
  },
  {
    title: 'an unknown attribute',
    body: { userName: 'ada', shoeSize: 42 },
    error: 'invalidSyntax',
    names: 'shoeSize',
  },
  {
    title: 'an unknown extension URN object',
    body: { userName: 'ada', 'urn:example:ext:1.0:User': { x: 1 } },
    error: 'invalidSyntax',
    names: 'urn:example:ext:1.0:User',
  },
  {
    title: 'an unknown extension attribute',
    body: { userName: 'ada', [ENTERPRISE]: { team: 'x' } },
    error: 'invalidSyntax',
    names: `${ENTERPRISE}:team`,
  },
  {
    title: 'an unknown sub-attribute',
    body: { userName: 'ada', name: { nickname: 'x' } },
    error: 'invalidSyntax',
    names: 'name.nickname',
  },
  {
    title: 'an attribute given twice in different case',
    body: { userName: 'ada', username: 'bob' },
    error: 'invalidSyntax',
  },
  {
    title: 'a __proto__ key, even inside ignored meta',
    body: JSON.parse('{"userName":"ada","meta":{"__proto__":{"admin":true}}}'),
    error: 'invalidSyntax',
  },
  {
    title: 'a constructor key',
    body: { userName: 'ada', emails: [{ constructor: 'x' }] },
    error: 'invalidSyntax',
  },
  { title: 'a missing userName', body: { displayName: 'Ada' }, error: 'invalidValue', names: 'userName' },
  { title: 'an empty userName', body: { userName: '' }, error: 'invalidValue', names: 'userName' },
  { title: 'a missing group displayName', rt: GROUP_RESOURCE, body: { members: [] }, error: 'invalidValue' },
  { title: 'a number for a string', body: { userName: 42 }, error: 'invalidValue', names: 'userName' },
  {
    title: 'a non-boolean string for a boolean',
    body: { userName: 'ada', active: 'yes' },
    error: 'invalidValue',
  },
  {
    title: 'a string for a complex attribute',
    body: { userName: 'ada', name: 'Ada' },
    error: 'invalidValue',
    names: 'name',
  },
  {
    title: 'a single object for a multi-valued attribute',
    body: { userName: 'ada', emails: { value: 'ada@example.com' } },
    error: 'invalidValue',
    names: 'emails',
  },
  {
    title: 'a wrong type inside an element, named by its path',
    body: { userName: 'ada', emails: [{ value: 'ada@example.com', primary: 'sometimes' }] },
    error: 'invalidValue',
    names: 'emails.primary',
  },
  {
    title: 'two primary values (RFC 7643 §2.4)',
    body: {
      userName: 'ada',
      emails: [
        { value: 'a@example.com', primary: true },
        { value: 'b@example.com', primary: 'True' },
      ],
    },
    error: 'invalidValue',
  },
  {
    title: 'an extension that is not an object',
    body: { userName: 'ada', [ENTERPRISE]: 'R&D' },
    error: 'invalidValue',
  },
  {
    title: 'a password that is not a string',
    body: { userName: 'ada', password: 1234 },
    error: 'invalidValue',
  },
];

describe('normalizeResource: rejected bodies', () => {
  for (const c of rejected) {
    test(`${c.title} is ${c.error}`, () => {
      assert.throws(
        () => normalizeResource(c.rt ?? USER_RESOURCE, c.body),
        (error) =>
          error instanceof AppError &&
          error.code === c.error &&
          (c.names === undefined || error.message.includes(`"${c.names}"`)),
      );
    });
  }
});
