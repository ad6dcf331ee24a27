import { type Static, type TSchema, Type } from '@sinclair/typebox';

// The tenant policy as its author writes it: one TypeBox definition is both the TypeScript type and
// the JSON Schema we publish (POLICY_JSON_SCHEMA), so the two cannot drift. Every object is closed
// (additionalProperties: false): a misspelt field is refused, never silently ignored.

const closed = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description: string) =>
  Type.Object(properties, { additionalProperties: false, description });

/** An enumeration; mapping over `values` loses TypeBox's literal tuple, so the cast restores the type. */
const oneOf = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    { description },
  ) as unknown as TSchema & { static: T[number] };

const list = <T extends TSchema>(item: T, description: string) =>
  Type.Array(item, { description, uniqueItems: true });

/** An attribute as RFC 7644 §3.10 names it: `nickName`, `name.givenName`, `urn:…:User:costCenter`. */
const AttributePath = Type.String({ minLength: 1, description: 'An attribute path (RFC 7644 §3.10).' });

/** RFC 7643 §2.1 ATTRNAME. */
const AttributeName = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9_-]*$',
  description: 'an attribute name (RFC 7643 §2.1): a letter, then letters, digits, "-" or "_"',
});

const SIMPLE_TYPES = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'] as const;

const characteristics = {
  name: AttributeName,
  description: Type.Optional(Type.String()),
  multiValued: Type.Optional(Type.Boolean({ default: false })),
  required: Type.Optional(
    Type.Boolean({ default: false, description: 'Required whenever the extension is present.' }),
  ),
  caseExact: Type.Optional(Type.Boolean({ default: false })),
  mutability: Type.Optional(
    oneOf(
      ['readWrite', 'immutable', 'writeOnly'],
      'RFC 7643 §7; readOnly has no meaning here: nothing assigns it.',
    ),
  ),
  returned: Type.Optional(oneOf(['always', 'never', 'default', 'request'], 'RFC 7643 §7.')),
  uniqueness: Type.Optional(oneOf(['none', 'server'], 'RFC 7643 §7; server: unique within the tenant.')),
  canonicalValues: Type.Optional(
    list(Type.String(), 'Suggested values, published on /Schemas (RFC 7643 §7).'),
  ),
  referenceTypes: Type.Optional(
    list(Type.String({ minLength: 1 }), 'For type reference: what it may point at.'),
  ),
};

const SubAttribute = closed(
  { ...characteristics, type: oneOf(SIMPLE_TYPES, 'RFC 7643 §2.3.') },
  'A sub-attribute of a complex extension attribute.',
);

const ExtensionAttribute = closed(
  {
    ...characteristics,
    type: oneOf([...SIMPLE_TYPES, 'complex'], 'RFC 7643 §2.3.'),
    subAttributes: Type.Optional(
      Type.Array(SubAttribute, { minItems: 1, description: 'Exactly for type complex.' }),
    ),
  },
  'An attribute of a tenant extension, with its RFC 7643 §7 characteristics.',
);

const Extension = closed(
  {
    id: Type.String({
      pattern: '^urn:[^\\s]+$',
      description: 'a schema URN such as urn:example:scim:schemas:acme:1.0:User',
    }),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    resourceType: Type.Optional(oneOf(['User', 'Group'], 'The resource type it extends; User by default.')),
    required: Type.Optional(
      Type.Boolean({ default: false, description: 'Whether every resource must carry it.' }),
    ),
    attributes: Type.Array(ExtensionAttribute, { minItems: 1 }),
  },
  'A schema extension of this tenant, published on /Schemas and /ResourceTypes.',
);

export const PolicySchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Where an editor finds this schema; ignored.' })),
    lifecycle: Type.Optional(
      closed(
        {
          deactivate: Type.Optional(
            oneOf(['disable', 'archive'], 'What active=false means; both keep every value. Default disable.'),
          ),
          delete: Type.Optional(
            oneOf(['hard', 'soft'], 'hard removes the user; soft leaves a tombstone. Default hard.'),
          ),
          restoreDeletedBy: Type.Optional(
            list(
              oneOf(['externalId', 'userName'], 'A key.'),
              'With soft delete: a create matching a tombstone by one of these restores it.',
            ),
          ),
        },
        'How deactivation and deletion behave.',
      ),
    ),
    attributes: Type.Optional(
      closed(
        {
          supported: Type.Optional(
            list(AttributePath, 'The User attributes the app takes; absent: all of them.'),
          ),
          ignore: Type.Optional(
            list(AttributePath, 'Attributes outside `supported` that are accepted and dropped.'),
          ),
          required: Type.Optional(
            list(
              AttributePath,
              'Values a new user must have; value filters allowed: emails[primary eq true].',
            ),
          ),
          externalIdUnique: Type.Optional(
            Type.Boolean({ default: false, description: 'Whether two users may share an externalId.' }),
          ),
        },
        'Which User attributes the app supports, ignores and requires.',
      ),
    ),
    extensions: Type.Optional(Type.Array(Extension, { description: "The tenant's own schema extensions." })),
    roles: Type.Optional(
      closed(
        {
          attribute: oneOf(['userType', 'roles'], 'The attribute that holds the role.'),
          allowed: list(Type.String({ minLength: 1 }), 'The roles there are, compared exactly.'),
          default: Type.Optional(
            Type.String({ minLength: 1, description: 'The role of a user sent without one.' }),
          ),
        },
        "The user's role: its attribute, allowed values and default.",
      ),
    ),
    organization: Type.Optional(
      closed(
        {
          emailDomains: list(
            Type.String({
              pattern: '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$',
              description: 'a domain name such as example.com',
            }),
            'Email addresses must be at one of these domains (exactly, case-insensitively).',
          ),
        },
        "The organization's email domains.",
      ),
    ),
    formats: Type.Optional(
      closed(
        {
          preferredLanguage: Type.Optional(oneOf(['any', 'iso639-1', 'bcp47'], 'Default any.')),
          country: Type.Optional(oneOf(['any', 'iso3166-1-alpha-2'], 'addresses.country; default any.')),
        },
        'Formats checked on write; values are always stored exactly as sent.',
      ),
    ),
    passwords: Type.Optional(
      closed(
        { sync: Type.Boolean({ description: 'Keep a hash of the password the IdP sends.' }) },
        'Password sync.',
      ),
    ),
    groups: Type.Optional(
      closed(
        {
          displayName: oneOf(
            ['rfc', 'unique', 'link'],
            'Duplicates allowed, refused with 409, or linked. Default rfc.',
          ),
        },
        'How group display names behave.',
      ),
    ),
    linking: Type.Optional(
      closed(
        {
          match: list(
            oneOf(['userName', 'email'], 'A key.'),
            'A create matching a user no IdP created, by one of these, links to it instead of 409.',
          ),
        },
        'Taking over users the app already had.',
      ),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://scimitar.dev/schemas/tenant-policy.json',
    title: 'Scimitar tenant policy',
    description: 'How SCIM provisioning behaves for one tenant. {} is plain RFC 7643.',
  },
);

/** A policy as written. */
export type PolicyDocument = Static<typeof PolicySchema>;
export type ExtensionDocument = Static<typeof Extension>;
export type ExtensionAttributeDocument = Static<typeof ExtensionAttribute>;

/** The JSON Schema of a policy document, as published. */
export const POLICY_JSON_SCHEMA: object = PolicySchema;
