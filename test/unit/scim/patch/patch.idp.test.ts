import { describe } from 'node:test';
import { GROUP_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { ENTERPRISE, PATCHED_ID, runCases, withAttrs } from './patch-cases.ts';

/** The user as Okta and Entra create it (idp-behaviour §1.4.1, §2.4), stored. */
const ADA = {
  externalId: '00u1abcdEFGHijkl5d7',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  displayName: 'Ada Lovelace',
  emails: [{ primary: true, value: 'ada@example.com', type: 'work' }],
  active: true,
  [ENTERPRISE]: { department: 'R&D', employeeNumber: '1001' },
};
const ENGINEERING = {
  displayName: 'Engineering',
  members: [{ value: 'u-1001' }, { value: 'u-2002' }, { value: 'u-2003' }],
};

describe('Okta OIN PATCH bodies (idp-behaviour §1.4, §6, §7)', () => {
  runCases([
    {
      title: 'deactivate: path-less {active:false}',
      doc: ADA,
      ops: [{ op: 'replace', value: { active: false } }],
      expect: withAttrs(ADA, { active: false }),
    },
    {
      title: 'reactivate: path-less {active:true}',
      doc: withAttrs(ADA, { active: false }),
      ops: [{ op: 'replace', value: { active: true } }],
      expect: ADA,
    },
    {
      title: 'password sync: path-less {password}',
      doc: ADA,
      ops: [{ op: 'replace', value: { password: 'x8Kq2mP0' } }],
      expect: ADA,
      password: 'x8Kq2mP0',
      changed: false,
    },
    {
      title: "group rename {id, displayName}: the group's own id is ignored",
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'replace', value: { id: PATCHED_ID, displayName: 'Engineering EU' } }],
      expect: withAttrs(ENGINEERING, { displayName: 'Engineering EU' }),
    },
    {
      title: 'the rename sent with every membership update is a no-op when the name is unchanged',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'replace', value: { id: PATCHED_ID, displayName: 'Engineering' } }],
      expect: ENGINEERING,
      changed: false,
    },
    {
      title: 'membership delta: removes by filter, then adds an array with display',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [
        { op: 'remove', path: 'members[value eq "u-2002"]' },
        { op: 'remove', path: 'members[value eq "u-2003"]' },
        {
          op: 'add',
          path: 'members',
          value: [
            { value: 'u-1001', display: 'ada@example.com' },
            { value: 'u-1004', display: 'grace@example.com' },
          ],
        },
      ],
      expect: { displayName: 'Engineering', members: [{ value: 'u-1001' }, { value: 'u-1004' }] },
    },
    {
      title: 'Push Now: replace members with the full list',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'replace', path: 'members', value: [{ value: 'u-1004', display: 'grace@example.com' }] }],
      expect: { displayName: 'Engineering', members: [{ value: 'u-1004' }] },
    },
    {
      title: 'Push Now of an empty group clears the members',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'replace', path: 'members', value: [] }],
      expect: { displayName: 'Engineering' },
    },
    {
      title: 'the path-less membership form {members:[…]}',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'replace', value: { members: [{ value: 'u-2002' }] } }],
      expect: { displayName: 'Engineering', members: [{ value: 'u-2002' }] },
    },
  ]);
});

describe('Entra PATCH bodies, legacy default (idp-behaviour §2.4, §2.5, §6, §7)', () => {
  runCases([
    {
      title: 'one capitalised operation per attribute',
      doc: ADA,
      ops: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.l@example.com' },
        { op: 'Replace', path: 'name.familyName', value: 'King' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '1002' },
        { op: 'Add', path: 'nickName', value: 'Ada' },
      ],
      expect: withAttrs(ADA, {
        emails: [{ primary: true, value: 'ada.l@example.com', type: 'work' }],
        name: { givenName: 'Ada', familyName: 'King' },
        [ENTERPRISE]: { department: 'R&D', employeeNumber: '1002' },
        nickName: 'Ada',
      }),
    },
    {
      title: 'disable with the string "False"',
      doc: ADA,
      ops: [{ op: 'Replace', path: 'active', value: 'False' }],
      expect: withAttrs(ADA, { active: false }),
    },
    {
      title: 're-enable with the string "True"',
      doc: withAttrs(ADA, { active: false }),
      ops: [{ op: 'Replace', path: 'active', value: 'True' }],
      expect: ADA,
    },
    {
      title: 'userName change',
      doc: ADA,
      ops: [{ op: 'Replace', path: 'userName', value: 'ada.king@example.com' }],
      expect: withAttrs(ADA, { userName: 'ada.king@example.com' }),
    },
    {
      title: 'manager added as a bare string id',
      doc: ADA,
      ops: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: 'u-9' }],
      expect: withAttrs(ADA, {
        [ENTERPRISE]: { department: 'R&D', employeeNumber: '1001', manager: { value: 'u-9' } },
      }),
    },
    {
      title: 'manager added as a one-element [{$ref, value}] array (old tutorial)',
      doc: ADA,
      ops: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: '../Users/u-9', value: 'u-9' }] }],
      expect: withAttrs(ADA, {
        [ENTERPRISE]: {
          department: 'R&D',
          employeeNumber: '1001',
          manager: { $ref: '../Users/u-9', value: 'u-9' },
        },
      }),
    },
    {
      title: 'manager replaced with {value} (validator)',
      doc: withAttrs(ADA, { [ENTERPRISE]: { manager: { value: 'u-8' } } }),
      ops: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'u-9' } }],
      expect: withAttrs(ADA, { [ENTERPRISE]: { manager: { value: 'u-9' } } }),
    },
    {
      title: 'manager removed with {"value": ""} (validator)',
      doc: withAttrs(ADA, { [ENTERPRISE]: { department: 'R&D', manager: { value: 'u-9' } } }),
      ops: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }],
      expect: withAttrs(ADA, { [ENTERPRISE]: { department: 'R&D' } }),
    },
    {
      title: 'Null_Update: "" and null unassign',
      doc: withAttrs(ADA, { title: 'Engineer', nickName: 'Ada' }),
      ops: [
        { op: 'Replace', path: 'title', value: '' },
        { op: 'Replace', path: 'nickName', value: null },
      ],
      expect: ADA,
    },
    {
      title: 'group: add members with "$ref": null',
      rt: GROUP_RESOURCE,
      doc: { displayName: 'Engineering' },
      ops: [
        {
          op: 'Add',
          path: 'members',
          value: [
            { $ref: null, value: 'u-1001' },
            { $ref: null, value: 'u-1004' },
          ],
        },
      ],
      expect: { displayName: 'Engineering', members: [{ value: 'u-1001' }, { value: 'u-1004' }] },
    },
    {
      title: 'group: remove only the listed member',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'Remove', path: 'members', value: [{ value: 'u-1001' }] }],
      expect: { displayName: 'Engineering', members: [{ value: 'u-2002' }, { value: 'u-2003' }] },
    },
    {
      title: 'group: rename, add and remove in one request',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [
        { op: 'Replace', path: 'displayName', value: 'Engineering EU' },
        { op: 'Add', path: 'members', value: [{ value: 'u-1004' }] },
        { op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u-2002' }] },
      ],
      expect: {
        displayName: 'Engineering EU',
        members: [{ value: 'u-1001' }, { value: 'u-2003' }, { value: 'u-1004' }],
      },
    },
  ]);
});

describe('Entra PATCH bodies with aadOptscim062020 (idp-behaviour §2.4, §6.15)', () => {
  runCases([
    {
      title: 'a path-less replace whose keys are dotted and URN-prefixed paths',
      doc: ADA,
      ops: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'ada.l@example.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Ada King',
            'name.givenName': 'A',
            'name.familyName': 'King',
            [`${ENTERPRISE}:department`]: 'Eng',
          },
        },
      ],
      expect: withAttrs(ADA, {
        emails: [{ primary: true, value: 'ada.l@example.com', type: 'work' }],
        displayName: 'Ada King',
        name: { givenName: 'A', familyName: 'King' },
        [ENTERPRISE]: { department: 'Eng', employeeNumber: '1001' },
      }),
    },
    {
      title: 'a core URN-prefixed key',
      doc: ADA,
      ops: [
        {
          op: 'replace',
          value: { 'urn:ietf:params:scim:schemas:core:2.0:User:userName': 'ada2@example.com' },
        },
      ],
      expect: withAttrs(ADA, { userName: 'ada2@example.com' }),
    },
    {
      title: 'disable with a boolean',
      doc: ADA,
      ops: [{ op: 'replace', path: 'active', value: false }],
      expect: withAttrs(ADA, { active: false }),
    },
    {
      title: 'group: remove a member by filter',
      rt: GROUP_RESOURCE,
      doc: ENGINEERING,
      ops: [{ op: 'remove', path: 'members[value eq "u-1001"]' }],
      expect: { displayName: 'Engineering', members: [{ value: 'u-2002' }, { value: 'u-2003' }] },
    },
  ]);
});
