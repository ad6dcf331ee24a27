import { attr, complex, multiValued, type SchemaDef } from './attribute.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

const str = (name: string, description: string) => attr(name, 'string', { description });

/** RFC 7643 §4.1 and §8.7.1, transcribed as data. */
export const coreUser: SchemaDef = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', {
      description: 'Unique identifier for the User, used by the user to authenticate.',
      required: true,
      uniqueness: 'server',
    }),
    complex(
      'name',
      [
        str('formatted', 'The full name, formatted for display.'),
        str('familyName', 'The family name of the User.'),
        str('givenName', 'The given name of the User.'),
        str('middleName', 'The middle name(s) of the User.'),
        str('honorificPrefix', 'The honorific prefix(es) of the User.'),
        str('honorificSuffix', 'The honorific suffix(es) of the User.'),
      ],
      { description: "The components of the user's real name." },
    ),
    str('displayName', 'The name of the User, suitable for display to end-users.'),
    str('nickName', 'The casual way to address the user.'),
    attr('profileUrl', 'reference', {
      description: "A fully qualified URL pointing to a page representing the User's online profile.",
      referenceTypes: ['external'],
    }),
    str('title', "The user's title, such as 'Vice President'."),
    str('userType', 'The relationship between the organization and the user.'),
    str('preferredLanguage', "The User's preferred written or spoken language."),
    str('locale', "The User's default location for localizing items."),
    str('timezone', "The User's time zone in the IANA Time Zone database format."),
    attr('active', 'boolean', { description: "The User's administrative status." }),
    attr('password', 'string', {
      description: "The User's cleartext password, accepted on write and never returned.",
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers for the User.', [
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]),
    multiValued('ims', 'Instant messaging addresses for the User.', [
      'aim',
      'gtalk',
      'icq',
      'xmpp',
      'msn',
      'skype',
      'qq',
      'yahoo',
    ]),
    multiValued('photos', 'URLs of photos of the User.', ['photo', 'thumbnail'], 'reference', {
      referenceTypes: ['external'],
    }),
    complex(
      'addresses',
      [
        str('formatted', 'The full mailing address, formatted for display.'),
        str('streetAddress', 'The full street address component.'),
        str('locality', 'The city or locality component.'),
        str('region', 'The state or region component.'),
        str('postalCode', 'The zip code or postal code component.'),
        str('country', 'The country name component, in ISO 3166-1 alpha-2 form.'),
        attr('type', 'string', {
          description: 'A label indicating the address function.',
          canonicalValues: ['work', 'home', 'other'],
        }),
        attr('primary', 'boolean', { description: 'Indicates the primary or preferred address.' }),
      ],
      { multiValued: true, description: 'A physical mailing address for this User.' },
    ),
    complex(
      'groups',
      [
        attr('value', 'string', { description: 'The identifier of the group.', mutability: 'readOnly' }),
        attr('$ref', 'reference', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { description: "The group's display name.", mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
      { multiValued: true, mutability: 'readOnly', description: 'The groups to which the user belongs.' },
    ),
    multiValued('entitlements', 'Entitlements the User has.', []),
    multiValued('roles', 'Roles the User has.', []),
    multiValued('x509Certificates', 'DER-encoded X.509 certificates of the User.', [], 'binary'),
  ],
};
