import { describe } from 'node:test';
import { GROUP_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { BABS, BJENSEN, ENTERPRISE, MANDY, PATCHED_ID, runCases, withAttrs } from './patch-cases.ts';

const GROUP = GROUP_RESOURCE;
const oneMember = { displayName: 'Tour Guides', members: [{ value: MANDY, type: 'User' }] };
const workEmailOnly = withAttrs(BJENSEN, {
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
});

describe('PATCH add: RFC 7644 §3.5.2.1 examples', () => {
  runCases([
    {
      title: '§3.5.2.1 adds a member; its display and $ref are the server’s to render',
      rt: GROUP,
      doc: oneMember,
      ops: [
        {
          op: 'add',
          path: 'members',
          value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }],
        },
      ],
      expect: { displayName: 'Tour Guides', members: [{ value: MANDY, type: 'User' }, { value: BABS }] },
    },
    {
      title: '§3.5.2.1 adds an email and a nickname with no path (attribute names are case-insensitive)',
      doc: withAttrs(workEmailOnly, { nickName: undefined }),
      ops: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }],
      expect: BJENSEN,
    },
    {
      title: '§3.5.2.1 adding a value already present changes nothing',
      rt: GROUP,
      doc: oneMember,
      ops: [{ op: 'add', path: 'members', value: [{ value: MANDY, display: 'Mandy' }] }],
      expect: oneMember,
      changed: false,
    },
    {
      title: '§3.5.2.1 add to a single-valued attribute replaces its value',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'nickName', value: 'Barbara' }],
      expect: withAttrs(BJENSEN, { nickName: 'Barbara' }),
    },
    {
      title: '§3.5.2.1 add to a complex attribute sets the sub-attributes given and keeps the others',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'name', value: { middleName: 'Jane' } }],
      expect: withAttrs(BJENSEN, {
        name: {
          formatted: 'Ms. Barbara J Jensen, III',
          familyName: 'Jensen',
          givenName: 'Barbara',
          middleName: 'Jane',
        },
      }),
    },
    {
      title: '§3.5.2.1 a path-less add merges a complex attribute too',
      doc: BJENSEN,
      ops: [{ op: 'add', value: { name: { honorificSuffix: 'III' } } }],
      expect: withAttrs(BJENSEN, {
        name: {
          formatted: 'Ms. Barbara J Jensen, III',
          familyName: 'Jensen',
          givenName: 'Barbara',
          honorificSuffix: 'III',
        },
      }),
    },
  ]);
});

describe('PATCH add: multi-valued attributes and primary', () => {
  runCases([
    {
      title: 'RFC 7644 §3.5.2: a new primary email makes the old primary false',
      doc: workEmailOnly,
      ops: [
        { op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home', primary: 'True' }] },
      ],
      expect: withAttrs(BJENSEN, {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: false },
          { value: 'babs@jensen.org', type: 'home', primary: true },
        ],
      }),
    },
    {
      title: 'adding a present email again as primary makes it primary, and only it',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', primary: true }] }],
      expect: withAttrs(BJENSEN, {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: false },
          { value: 'BABS@jensen.org', type: 'home', primary: true },
        ],
      }),
    },
    {
      title: 'two primaries in one value is invalidValue (RFC 7643 §2.4)',
      doc: BJENSEN,
      ops: [
        {
          op: 'add',
          path: 'emails',
          value: [
            { value: 'a@example.com', primary: true },
            { value: 'b@example.com', primary: true },
          ],
        },
      ],
      error: 'invalidValue',
    },
    {
      title: 'adding nothing to a multi-valued attribute changes nothing',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'emails', value: [] }],
      expect: BJENSEN,
      changed: false,
    },
    {
      title: 'a single object for a multi-valued attribute is invalidValue',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'emails', value: { value: 'c@example.com' } }],
      error: 'invalidValue',
    },
    {
      title: 'a filtered add sets the sub-attribute on the matching element',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'emails[type eq "home"].display', value: 'Home' }],
      expect: withAttrs(BJENSEN, {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home', display: 'Home' },
        ],
      }),
    },
    {
      title: 'a filtered add that matches nothing creates the element (Entra "Add" on an empty attribute)',
      doc: BJENSEN,
      ops: [{ op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '555-555-8377' }],
      expect: withAttrs(BJENSEN, { phoneNumbers: [{ type: 'work', value: '555-555-8377' }] }),
    },
    {
      title: 'a filtered add of a whole element merges into the matching element',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'addresses[type eq "home"]', value: { postalCode: '90028' } }],
      expect: withAttrs(BJENSEN, {
        addresses: [
          (BJENSEN.addresses as unknown[])[0],
          {
            type: 'home',
            streetAddress: '456 Hollywood Blvd',
            locality: 'Hollywood',
            region: 'CA',
            country: 'USA',
            postalCode: '90028',
          },
        ],
      }),
    },
  ]);
});

describe('PATCH add: extensions, readOnly and types', () => {
  runCases([
    {
      title: 'adds an extension attribute by its URN-prefixed path',
      doc: BJENSEN,
      ops: [{ op: 'add', path: `${ENTERPRISE}:costCenter`, value: '4130' }],
      expect: withAttrs(BJENSEN, {
        [ENTERPRISE]: { ...(BJENSEN[ENTERPRISE] as object), costCenter: '4130' },
      }),
    },
    {
      title: 'a bare extension URN path adds the attributes given and keeps the others',
      doc: BJENSEN,
      ops: [{ op: 'add', path: ENTERPRISE, value: { Division: 'Theme Park' } }],
      expect: withAttrs(BJENSEN, {
        [ENTERPRISE]: { ...(BJENSEN[ENTERPRISE] as object), division: 'Theme Park' },
      }),
    },
    {
      title: 'creates the extension object on a user without one',
      doc: withAttrs(BJENSEN, { [ENTERPRISE]: undefined }),
      ops: [{ op: 'add', value: { [ENTERPRISE]: { department: 'Eng' } } }],
      expect: withAttrs(BJENSEN, { [ENTERPRISE]: { department: 'Eng' } }),
    },
    {
      title: 'readOnly id (the same), meta and groups inside a path-less value are ignored',
      doc: BJENSEN,
      ops: [
        {
          op: 'add',
          value: {
            id: PATCHED_ID,
            meta: { created: '2020-01-01T00:00:00Z', version: 'W/"9"' },
            groups: [{ value: 'g-1' }],
            title: 'Tour Guide',
          },
        },
        { op: 'replace', value: { ID: null, 'urn:ietf:params:scim:schemas:core:2.0:User:meta': {} } },
      ],
      expect: withAttrs(BJENSEN, { title: 'Tour Guide' }),
    },
    {
      title: 'a path-less value with another id is mutability, not a silent no-op',
      doc: BJENSEN,
      ops: [{ op: 'replace', value: { id: 'other', title: 'Tour Guide' } }],
      error: 'mutability',
    },
    {
      title: 'a path to id is mutability',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'id', value: 'x' }],
      error: 'mutability',
    },
    {
      title: 'a path to groups is mutability',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'groups', value: [{ value: 'g-1' }] }],
      error: 'mutability',
    },
    {
      title: 'a path to the readOnly manager.displayName is mutability',
      doc: BJENSEN,
      ops: [{ op: 'add', path: `${ENTERPRISE}:manager.displayName`, value: 'Boss' }],
      error: 'mutability',
    },
    {
      title: 'an unknown attribute path is invalidPath',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'shoeSize', value: 42 }],
      error: 'invalidPath',
    },
    {
      title: 'an unknown attribute inside a path-less value is invalidSyntax',
      doc: BJENSEN,
      ops: [{ op: 'add', value: { shoeSize: 42 } }],
      error: 'invalidSyntax',
    },
    {
      title: 'an unknown sub-attribute inside a value is invalidSyntax',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'emails', value: [{ value: 'c@example.com', label: 'x' }] }],
      error: 'invalidSyntax',
    },
    {
      title: 'a path-less value that is not an object is invalidValue',
      doc: BJENSEN,
      ops: [{ op: 'add', value: 'Babs' }],
      error: 'invalidValue',
    },
    {
      title: 'a wrong type is invalidValue',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'active', value: 'yes' }],
      error: 'invalidValue',
    },
    {
      title: 'a binary value that is not base64 is invalidValue',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'x509Certificates', value: [{ value: 'not base64!' }] }],
      error: 'invalidValue',
    },
    {
      title: 'a password is handed back and never stored',
      doc: BJENSEN,
      ops: [{ op: 'add', path: 'password', value: 't1meMa$heen' }],
      expect: BJENSEN,
      password: 't1meMa$heen',
      changed: false,
    },
  ]);
});
