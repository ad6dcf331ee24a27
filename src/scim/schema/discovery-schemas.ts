import { type AttributeDef, attr, complex, type SchemaDef } from './attribute.ts';

// RFC 7643 §5–§7 (and §8.7.2): the discovery resources describe themselves too, so a client that
// validates what /ServiceProviderConfig, /ResourceTypes and /Schemas return can find their schemas.
// Every attribute is readOnly: the server states them, no client writes them.

const readOnly = { mutability: 'readOnly' } as const;
const uri = { ...readOnly, referenceTypes: ['external'] } as const;
const supported = attr('supported', 'boolean', { ...readOnly, required: true });

/** A feature block of ServiceProviderConfig: `supported`, plus the limits it states. */
function feature(name: string, description: string, limits: readonly AttributeDef[] = []): AttributeDef {
  return complex(name, [supported, ...limits], { ...readOnly, required: true, description });
}

export const SERVICE_PROVIDER_CONFIG_SCHEMA: SchemaDef = {
  id: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  name: 'Service Provider Configuration',
  description: 'Which SCIM features this server supports, and their limits.',
  attributes: [
    attr('documentationUri', 'reference', { ...uri, description: 'Human-readable help for this server.' }),
    feature('patch', 'PATCH (RFC 7644 §3.5.2).'),
    feature('bulk', 'Bulk operations (RFC 7644 §3.7).', [
      attr('maxOperations', 'integer', { ...readOnly, required: true }),
      attr('maxPayloadSize', 'integer', { ...readOnly, required: true }),
    ]),
    feature('filter', 'Filtering (RFC 7644 §3.4.2.2).', [
      attr('maxResults', 'integer', { ...readOnly, required: true }),
    ]),
    feature('changePassword', "Setting a user's password."),
    feature('sort', 'Sorting (RFC 7644 §3.4.2.3).'),
    complex(
      'pagination',
      [
        attr('cursor', 'boolean', { ...readOnly, description: 'Whether lists page by cursor.' }),
        attr('index', 'boolean', { ...readOnly, description: 'Whether lists page by startIndex.' }),
        attr('defaultPaginationMethod', 'string', {
          ...readOnly,
          canonicalValues: ['cursor', 'index'],
          description: 'The method of a list request that names neither.',
        }),
        attr('defaultPageSize', 'integer', {
          ...readOnly,
          description: 'The page size when count is absent.',
        }),
        attr('maxPageSize', 'integer', {
          ...readOnly,
          description: 'The largest page; a larger count is clamped.',
        }),
        attr('cursorTimeout', 'integer', {
          ...readOnly,
          description: 'Seconds a cursor stays good after the page that issued it.',
        }),
      ],
      { ...readOnly, description: 'Pagination methods and limits (RFC 9865 §5).' },
    ),
    feature('etag', 'ETags and versioned writes (RFC 7644 §3.14).'),
    complex(
      'authenticationSchemes',
      [
        attr('type', 'string', {
          ...readOnly,
          required: true,
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
        }),
        attr('name', 'string', { ...readOnly, required: true }),
        attr('description', 'string', { ...readOnly, required: true }),
        attr('specUri', 'reference', uri),
        attr('documentationUri', 'reference', uri),
        attr('primary', 'boolean', readOnly),
      ],
      { ...readOnly, required: true, multiValued: true, description: 'How clients authenticate.' },
    ),
  ],
};

export const RESOURCE_TYPE_SCHEMA: SchemaDef = {
  id: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  name: 'ResourceType',
  description: 'A type of resource this server holds, with its endpoint and schemas.',
  attributes: [
    attr('id', 'string', readOnly),
    attr('name', 'string', { ...readOnly, required: true }),
    attr('description', 'string', readOnly),
    attr('endpoint', 'reference', { ...readOnly, required: true, referenceTypes: ['uri'] }),
    attr('schema', 'reference', { ...readOnly, required: true, caseExact: true, referenceTypes: ['uri'] }),
    complex(
      'schemaExtensions',
      [
        attr('schema', 'reference', {
          ...readOnly,
          required: true,
          caseExact: true,
          referenceTypes: ['uri'],
        }),
        attr('required', 'boolean', { ...readOnly, required: true }),
      ],
      { ...readOnly, multiValued: true },
    ),
  ],
};

/** The characteristics of one attribute definition (RFC 7643 §7), shared by attributes and sub-attributes. */
const CHARACTERISTICS: readonly AttributeDef[] = [
  attr('name', 'string', { ...readOnly, required: true, caseExact: true }),
  attr('type', 'string', {
    ...readOnly,
    required: true,
    canonicalValues: [
      'string',
      'complex',
      'boolean',
      'decimal',
      'integer',
      'dateTime',
      'reference',
      'binary',
    ],
  }),
  attr('multiValued', 'boolean', { ...readOnly, required: true }),
  attr('description', 'string', readOnly),
  attr('required', 'boolean', readOnly),
  attr('canonicalValues', 'string', { ...readOnly, multiValued: true, caseExact: true }),
  attr('caseExact', 'boolean', readOnly),
  attr('mutability', 'string', {
    ...readOnly,
    canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  }),
  attr('returned', 'string', { ...readOnly, canonicalValues: ['always', 'never', 'default', 'request'] }),
  attr('uniqueness', 'string', { ...readOnly, canonicalValues: ['none', 'server', 'global'] }),
  attr('referenceTypes', 'string', { ...readOnly, multiValued: true, caseExact: true }),
];

export const SCHEMA_SCHEMA: SchemaDef = {
  id: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  name: 'Schema',
  description: 'A schema: the attributes of a resource or an extension, with their characteristics.',
  attributes: [
    attr('id', 'string', { ...readOnly, required: true, caseExact: true }),
    attr('name', 'string', readOnly),
    attr('description', 'string', readOnly),
    complex(
      'attributes',
      [...CHARACTERISTICS, complex('subAttributes', CHARACTERISTICS, { ...readOnly, multiValued: true })],
      { ...readOnly, required: true, multiValued: true },
    ),
  ],
};

export const DISCOVERY_SCHEMAS: readonly SchemaDef[] = [
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
];
