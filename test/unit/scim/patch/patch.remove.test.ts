import { describe } from 'node:test';
import { GROUP_RESOURCE } from '../../../../src/scim/schema/index.ts';
import { BABS, BJENSEN, ENTERPRISE, JAMES, MANDY, runCases, TOUR_GUIDES, withAttrs } from './patch-cases.ts';

const GROUP = GROUP_RESOURCE;
const [workAddress, homeAddress] = BJENSEN.addresses as [object, object];
const enterprise = BJENSEN[ENTERPRISE] as Record<string, unknown>;

describe('PATCH remove: RFC 7644 §3.5.2.2 examples', () => {
  runCases([
    {
      title: '§3.5.2.2 removes one member by filter',
      rt: GROUP,
      doc: TOUR_GUIDES,
      ops: [{ op: 'remove', path: `members[value eq "${BABS}"]` }],
      expect: { displayName: 'Tour Guides', members: [{ value: MANDY, type: 'User' }] },
    },
    {
      title: '§3.5.2.2 removes all members',
      rt: GROUP,
      doc: TOUR_GUIDES,
      ops: [{ op: 'remove', path: 'members' }],
      expect: { displayName: 'Tour Guides' },
    },
    {
      title: '§3.5.2.2 removes the values a compound filter matches',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
      expect: withAttrs(BJENSEN, { emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
    },
    {
      title: '§3.5.2.2 removes a certificate by value; the emptied attribute is unassigned',
      doc: BJENSEN,
      ops: [
        {
          op: 'remove',
          path: 'x509Certificates[value eq "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"]',
        },
      ],
      expect: withAttrs(BJENSEN, { x509Certificates: undefined }),
    },
    {
      title: '§3.5.2.2 replaces all members with a remove then an add',
      rt: GROUP,
      doc: TOUR_GUIDES,
      ops: [
        { op: 'remove', path: 'members' },
        {
          op: 'add',
          path: 'members',
          value: [
            { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS },
            { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES },
          ],
        },
      ],
      expect: { displayName: 'Tour Guides', members: [{ value: BABS }, { value: JAMES }] },
    },
    {
      title: '§3.5.2.2 a remove without a path is noTarget',
      doc: BJENSEN,
      ops: [{ op: 'remove' }],
      error: 'noTarget',
    },
    {
      title: '§3.5.2.2 removing a member that is not there succeeds and changes nothing',
      rt: GROUP,
      doc: TOUR_GUIDES,
      ops: [{ op: 'remove', path: `members[value eq "${JAMES}"]` }],
      expect: TOUR_GUIDES,
      changed: false,
    },
  ]);
});

describe('PATCH remove: attributes and sub-attributes', () => {
  runCases([
    {
      title: 'removes a sub-attribute of a complex attribute',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'name.formatted' }],
      expect: withAttrs(BJENSEN, { name: { familyName: 'Jensen', givenName: 'Barbara' } }),
    },
    {
      title: 'a complex attribute left without sub-attributes is unassigned',
      doc: withAttrs(BJENSEN, { name: { givenName: 'Barbara' } }),
      ops: [{ op: 'remove', path: 'name.givenName' }],
      expect: withAttrs(BJENSEN, { name: undefined }),
    },
    {
      title: 'removes a sub-attribute of the filtered elements only',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'addresses[type eq "work"].postalCode' }],
      expect: withAttrs(BJENSEN, {
        addresses: [
          {
            type: 'work',
            streetAddress: '100 Universal City Plaza',
            locality: 'Hollywood',
            region: 'CA',
            country: 'USA',
            primary: true,
          },
          homeAddress,
        ],
      }),
    },
    {
      title: 'an email whose value is removed is removed',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'emails[type eq "work"].value' }],
      expect: withAttrs(BJENSEN, { emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
    },
    {
      title: 'a sub-attribute path on a multi-valued attribute removes it from every element',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'emails.type' }],
      expect: withAttrs(BJENSEN, {
        emails: [{ value: 'bjensen@example.com', primary: true }, { value: 'babs@jensen.org' }],
      }),
    },
    {
      title: 'removing an attribute that has no value changes nothing',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'title' }],
      expect: BJENSEN,
      changed: false,
    },
    {
      title: 'removes an extension attribute by URN path; the rest of the extension stays',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: `${ENTERPRISE}:department` }],
      expect: withAttrs(BJENSEN, { [ENTERPRISE]: { employeeNumber: '701984', manager: enterprise.manager } }),
    },
    {
      title: 'removes the manager by its URN path',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: `${ENTERPRISE}:manager` }],
      expect: withAttrs(BJENSEN, {
        [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
      }),
    },
    {
      title: 'a bare extension URN removes the whole extension',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: ENTERPRISE }],
      expect: withAttrs(BJENSEN, { [ENTERPRISE]: undefined }),
    },
    {
      title: 'removing userName is invalidValue: it is required',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'userName' }],
      error: 'invalidValue',
    },
    {
      title: 'removing a group’s displayName is invalidValue: it is required',
      rt: GROUP,
      doc: TOUR_GUIDES,
      ops: [{ op: 'remove', path: 'displayName' }],
      error: 'invalidValue',
    },
    {
      title: 'removing id is mutability',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'id' }],
      error: 'mutability',
    },
    {
      title: 'removing meta is mutability',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'meta' }],
      error: 'mutability',
    },
    {
      title: 'removing the password is mutability: it can only be replaced',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'password' }],
      error: 'mutability',
    },
  ]);
});

describe('PATCH remove: listed values (Entra legacy, JumpCloud; idp-behaviour §6.17)', () => {
  const three = {
    displayName: 'Tour Guides',
    members: [{ value: BABS }, { value: MANDY }, { value: JAMES }],
  };
  runCases([
    {
      title: 'removes only the listed members',
      rt: GROUP,
      doc: three,
      ops: [{ op: 'Remove', path: 'members', value: [{ value: MANDY }] }],
      expect: { displayName: 'Tour Guides', members: [{ value: BABS }, { value: JAMES }] },
    },
    {
      title: 'listed members may carry "$ref": null and display',
      rt: GROUP,
      doc: three,
      ops: [
        {
          op: 'remove',
          path: 'members',
          value: [
            { $ref: null, value: BABS },
            { value: JAMES, display: 'J' },
          ],
        },
      ],
      expect: { displayName: 'Tour Guides', members: [{ value: MANDY }] },
    },
    {
      title: 'listing nothing removes nothing',
      rt: GROUP,
      doc: three,
      ops: [{ op: 'remove', path: 'members', value: [] }],
      expect: three,
      changed: false,
    },
    {
      title: 'listed members that are absent are skipped',
      rt: GROUP,
      doc: three,
      ops: [{ op: 'remove', path: 'members', value: [{ value: 'u-404' }] }],
      expect: three,
      changed: false,
    },
    {
      title: 'elements without a value sub-attribute are matched whole',
      doc: BJENSEN,
      ops: [{ op: 'remove', path: 'addresses', value: [homeAddress] }],
      expect: withAttrs(BJENSEN, { addresses: [workAddress] }),
    },
    {
      title: 'a value list that is not an array is invalidValue',
      rt: GROUP,
      doc: three,
      ops: [{ op: 'remove', path: 'members', value: { value: BABS } }],
      error: 'invalidValue',
    },
  ]);
});
