// What differs between Entra's two PATCH dialects (idp-behaviour.md §2.4, §2.5), and the body it creates
// users with.
import { ENTERPRISE, USER } from './shared.ts';

/** Odd on purpose: Entra compares what it reads back with what it sent, and re-sends any difference. */
export const PHONE = '+1 (555) 010-0100';

/** What differs between the two dialects; everything else is sent alike. */
export interface Dialect {
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

export const LEGACY: Dialect = {
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

export const FLAGGED: Dialect = {
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
