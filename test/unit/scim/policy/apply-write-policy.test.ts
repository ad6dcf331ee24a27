import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import { applyWritePolicy, parsePolicy, type WriteTarget } from '../../../../src/scim/policy/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const seed = (app: string) => JSON.parse(readFileSync(`examples/policies/${app}.json`, 'utf8'));

interface Case {
  readonly title: string;
  readonly policy: unknown;
  readonly doc: ResourceDoc;
  /** The stored document of an update; absent: a create. */
  readonly current?: ResourceDoc;
  /** What is stored, or the detail of the 400 invalidValue. */
  readonly expect: ResourceDoc | RegExp;
}

const ada = { userName: 'ada@example.com', active: true };

/** A Condeco user with every optional attribute its guide lists. */
const condecoFull: ResourceDoc = {
  ...ada,
  ...condecoRequired(),
  preferredLanguage: 'de',
  phoneNumbers: [
    { value: '+49 (30) 1234-5678', type: 'work' },
    { value: '0151 234 567', type: 'mobile' },
  ],
  addresses: [{ locality: 'Berlin', country: 'DE', type: 'work' }],
  [ENTERPRISE]: { department: 'Ops', costCenter: 'CC-1' },
};

const cases: Case[] = [
  // attributes: ignore
  {
    title: 'PowerDMS: ignored attributes are dropped on create, core, sub-attribute and Enterprise alike',
    policy: seed('powerdms'),
    doc: {
      ...ada,
      name: { givenName: 'Ada', honorificPrefix: 'Dr.' },
      nickName: 'Countess',
      timezone: 'Europe/London',
      addresses: [{ locality: 'London', country: 'GB', type: 'work' }, { country: 'FR' }],
      entitlements: [{ value: 'x' }],
      [ENTERPRISE]: { costCenter: '42', department: 'Math', manager: { value: 'u1' } },
    },
    expect: { ...ada, name: { givenName: 'Ada' }, addresses: [{ locality: 'London', type: 'work' }] },
  },
  {
    title: 'an ignored attribute keeps its stored value through an update that changes or drops it',
    policy: { attributes: { ignore: ['nickName', 'name.honorificPrefix'] } },
    doc: { ...ada, name: { givenName: 'Ada' }, nickName: 'new' },
    current: { ...ada, name: { givenName: 'A', honorificPrefix: 'Dr.' }, nickName: 'old' },
    expect: { ...ada, name: { givenName: 'Ada', honorificPrefix: 'Dr.' }, nickName: 'old' },
  },
  {
    title: 'an ignored sub-attribute of a multi-valued attribute is kept only in elements stored as they are',
    policy: { attributes: { ignore: ['addresses.country'] } },
    doc: {
      ...ada,
      addresses: [
        { locality: 'London', country: 'GB' },
        { locality: 'Paris', country: 'FR' },
      ],
    },
    current: { ...ada, addresses: [{ locality: 'London', country: 'GB' }] },
    expect: { ...ada, addresses: [{ locality: 'London', country: 'GB' }, { locality: 'Paris' }] },
  },
  {
    title: 'an element left without its value by an ignored sub-attribute goes',
    policy: { attributes: { ignore: ['emails.value'] } },
    doc: { ...ada, emails: [{ value: 'a@example.com', type: 'work' }] },
    expect: ada,
  },
  // attributes: supported, the rest rejected
  {
    title: 'DocuWare: an attribute outside supported is refused, naming it',
    policy: seed('docuware'),
    doc: { ...ada, title: 'Countess' },
    expect: /Attribute "title" is not supported/,
  },
  {
    title: 'DocuWare: an Enterprise attribute outside supported is refused by its URN',
    policy: seed('docuware'),
    doc: { ...ada, [ENTERPRISE]: { department: 'Math' } },
    expect: new RegExp(`"${ENTERPRISE}:department" is not supported`),
  },
  {
    title: 'DocuWare: Okta’s default create keeps the supported attributes and drops the ignored ones',
    policy: seed('docuware'),
    doc: {
      ...ada,
      externalId: '00u1',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      emails: [{ value: 'ada@example.com', primary: true, type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
    },
    expect: {
      ...ada,
      externalId: '00u1',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', primary: true, type: 'work' }],
    },
  },
  {
    title: 'a sub-attribute outside supported is refused; the supported one passes',
    policy: { attributes: { supported: ['name.givenName'] } },
    doc: { ...ada, name: { givenName: 'Ada', middleName: 'King' } },
    expect: /"name.middleName" is not supported/,
  },
  {
    title: 'a rejected sub-attribute inside new elements is refused',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), addresses: [{ locality: 'Berlin', postalCode: '10115' }] },
    expect: /"addresses.postalCode" is not supported/,
  },
  {
    title: 'a rejected attribute already stored does not block an update, and is kept',
    policy: seed('docuware'),
    doc: { ...ada, active: false },
    current: { ...ada, title: 'Countess' },
    expect: { ...ada, active: false, title: 'Countess' },
  },
  {
    title: 'a rejected attribute already stored cannot be changed',
    policy: seed('docuware'),
    doc: { ...ada, title: 'Queen' },
    current: { ...ada, title: 'Countess' },
    expect: /"title" is not supported/,
  },
  {
    title: 'a tenant extension’s attributes are always supported',
    policy: {
      attributes: { supported: ['name'] },
      extensions: [
        { id: 'urn:example:acme:1.0:User', name: 'Acme', attributes: [{ name: 'badge', type: 'string' }] },
      ],
    },
    doc: { ...ada, 'urn:example:acme:1.0:User': { badge: 'B-7' } },
    expect: { ...ada, 'urn:example:acme:1.0:User': { badge: 'B-7' } },
  },
  // required
  {
    title: 'Condeco: a new user without givenName is refused',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), name: { familyName: 'Lovelace' } },
    expect: /Attribute "name.givenName" is required/,
  },
  {
    title: 'Condeco: a new user whose only email is not primary is refused',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), emails: [{ value: 'ada@example.com', type: 'work' }] },
    expect: /Attribute "emails\[primary eq true\]" is required/,
  },
  {
    title: 'Condeco: everything it takes is stored as sent, phone numbers included',
    policy: seed('condeco'),
    doc: condecoFull,
    expect: condecoFull,
  },
  {
    title: 'a required value may not be taken away by an update',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), name: { familyName: 'Lovelace' } },
    current: { ...ada, ...condecoRequired() },
    expect: /"name.givenName" is required/,
  },
  {
    title: 'a user stored without a required value can still be deactivated',
    policy: seed('condeco'),
    doc: { ...ada, active: false },
    current: ada,
    expect: { ...ada, active: false },
  },
  {
    title: 'a required element with a sub-attribute: emails[type eq "work"].value',
    policy: { attributes: { required: ['emails[type eq "work"].value'] } },
    doc: { ...ada, emails: [{ value: 'ada@home.example', type: 'home' }] },
    expect: /"emails\[type eq "work"\].value" is required/,
  },
  // roles
  {
    title: 'Process Street: a user without userType becomes a FreeMember',
    policy: seed('process-street'),
    doc: { ...ada },
    expect: { ...ada, userType: 'FreeMember' },
  },
  {
    title: 'Process Street: an allowed userType is kept',
    policy: seed('process-street'),
    doc: { ...ada, userType: 'Admin' },
    expect: { ...ada, userType: 'Admin' },
  },
  {
    title: 'Process Street: "SuperOwner" is refused, with the allowed values',
    policy: seed('process-street'),
    doc: { ...ada, userType: 'SuperOwner' },
    expect: /"userType" must be one of Admin, FullMember, FreeMember, Guest, not "SuperOwner"/,
  },
  {
    title: 'Process Street: roles are compared exactly ("Full Member" is not FullMember)',
    policy: seed('process-street'),
    doc: { ...ada, userType: 'Full Member' },
    expect: /not "Full Member"/,
  },
  {
    title: 'a role stored before the policy changed does not block an update',
    policy: seed('process-street'),
    doc: { ...ada, userType: 'Owner', active: false },
    current: { ...ada, userType: 'Owner' },
    expect: { ...ada, userType: 'Owner', active: false },
  },
  {
    title: 'roles as the role attribute: the default is one role',
    policy: { roles: { attribute: 'roles', allowed: ['viewer', 'editor'], default: 'viewer' } },
    doc: { ...ada },
    expect: { ...ada, roles: [{ value: 'viewer' }] },
  },
  {
    title: 'roles as the role attribute: each value must be allowed',
    policy: { roles: { attribute: 'roles', allowed: ['viewer', 'editor'] } },
    doc: { ...ada, roles: [{ value: 'viewer' }, { value: 'owner' }] },
    expect: /"roles" must be one of viewer, editor, not "owner"/,
  },
  // organization
  {
    title: 'Process Street: an email outside the domains is refused, naming the domain',
    policy: seed('process-street'),
    doc: { ...ada, emails: [{ value: 'ada@example.com' }, { value: 'ada@Gmail.com', type: 'home' }] },
    expect:
      /The email domain "gmail.com" of "ada@Gmail.com" is not one of the organization's domains \(example.com\)/,
  },
  {
    title: 'Process Street: domains compare case-insensitively and exactly',
    policy: seed('process-street'),
    doc: { ...ada, emails: [{ value: 'Ada@EXAMPLE.com' }] },
    expect: { ...ada, emails: [{ value: 'Ada@EXAMPLE.com' }], userType: 'FreeMember' },
  },
  {
    title: 'a subdomain is another domain',
    policy: seed('process-street'),
    doc: { ...ada, emails: [{ value: 'ada@eu.example.com' }] },
    expect: /"eu.example.com"/,
  },
  {
    title: 'an address without a domain is refused',
    policy: seed('process-street'),
    doc: { ...ada, emails: [{ value: 'ada' }] },
    expect: /"ada" has no domain/,
  },
  {
    title: 'an address stored before the policy changed does not block an update',
    policy: seed('process-street'),
    doc: { ...ada, userType: 'Guest', emails: [{ value: 'ada@gmail.com' }] },
    current: { ...ada, userType: 'Guest', emails: [{ value: 'ada@gmail.com' }] },
    expect: { ...ada, userType: 'Guest', emails: [{ value: 'ada@gmail.com' }] },
  },
  // formats
  {
    title: 'Condeco: preferredLanguage "English" is refused',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), preferredLanguage: 'English' },
    expect: /"preferredLanguage" must be an ISO 639-1 language code such as "en", not "English"/,
  },
  {
    title: 'Condeco: a BCP 47 tag is not ISO 639-1',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), preferredLanguage: 'en-US' },
    expect: /ISO 639-1/,
  },
  {
    title: 'Condeco: country "Germany" is refused',
    policy: seed('condeco'),
    doc: { ...ada, ...condecoRequired(), addresses: [{ country: 'Germany' }] },
    expect: /"addresses.country" must be an ISO 3166-1 alpha-2 country code such as "DE", not "Germany"/,
  },
  {
    title: 'a retired country code is not ISO 3166-1',
    policy: { formats: { country: 'iso3166-1-alpha-2' } },
    doc: { ...ada, addresses: [{ country: 'UK' }] },
    expect: /not "UK"/,
  },
  {
    title: 'codes are stored as sent, whatever their case',
    policy: { formats: { preferredLanguage: 'iso639-1', country: 'iso3166-1-alpha-2' } },
    doc: { ...ada, preferredLanguage: 'DE', addresses: [{ country: 'de' }] },
    expect: { ...ada, preferredLanguage: 'DE', addresses: [{ country: 'de' }] },
  },
  ...[
    'en',
    'en-US',
    'zh-Hant-TW',
    'sr-Latn-RS',
    'es-419',
    'de-CH-1901',
    'en-US-x-twain',
    'x-klingon',
    'sl-rozaj-biske',
    'gsw-CH',
    'EN-us',
  ].map(
    (tag): Case => ({
      title: `BCP 47 accepts ${tag}`,
      policy: { formats: { preferredLanguage: 'bcp47' } },
      doc: { ...ada, preferredLanguage: tag },
      expect: { ...ada, preferredLanguage: tag },
    }),
  ),
  ...['English', 'en_US', 'en-', 'e', 'en-US-', '12', 'en--US', 'abcdefghi', 'qq-US', 'Engl'].map(
    (tag): Case => ({
      title: `BCP 47 refuses ${JSON.stringify(tag)}`,
      policy: { formats: { preferredLanguage: 'bcp47' } },
      doc: { ...ada, preferredLanguage: tag },
      expect: /must be a BCP 47 language tag/,
    }),
  ),
  {
    title: 'with no format, anything goes',
    policy: {},
    doc: { ...ada, preferredLanguage: 'English', addresses: [{ country: 'Germany' }] },
    expect: { ...ada, preferredLanguage: 'English', addresses: [{ country: 'Germany' }] },
  },
];

function condecoRequired(): ResourceDoc {
  return {
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ value: 'ada@example.com', primary: true, type: 'work' }],
  };
}

describe('applyWritePolicy', () => {
  for (const c of cases) {
    test(c.title, () => {
      const policy = parsePolicy(c.policy);
      const target: WriteTarget = c.current ? { mode: 'update', current: c.current } : { mode: 'create' };
      const input = structuredClone(c.doc);
      if (c.expect instanceof RegExp) {
        assert.throws(
          () => applyWritePolicy(policy, { doc: c.doc }, target),
          (error: unknown) =>
            error instanceof AppError &&
            error.status === 400 &&
            error.code === 'invalidValue' &&
            (c.expect as RegExp).test(error.message),
        );
      } else {
        assert.deepEqual(applyWritePolicy(policy, { doc: c.doc }, target), { doc: c.expect });
      }
      assert.deepEqual(c.doc, input, 'the write is not changed');
    });
  }

  test('Declaree: the password is kept when the tenant syncs passwords', () => {
    const write = { doc: ada, password: 's3cret' };
    assert.deepEqual(applyWritePolicy(parsePolicy(seed('declaree')), write, { mode: 'create' }), write);
  });

  test('PowerDMS: the password is dropped when it does not', () => {
    const write = { doc: ada, password: 's3cret' };
    assert.deepEqual(applyWritePolicy(parsePolicy(seed('powerdms')), write, { mode: 'create' }), {
      doc: ada,
    });
  });
});
