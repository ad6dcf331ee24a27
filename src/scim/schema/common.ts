import { attr, complex } from './attribute.ts';

/** RFC 7643 §3.1: attributes every resource has, outside any schema's `attributes`. */
export const ID = attr('id', 'string', {
  description: 'Unique identifier for the resource, assigned by the service provider.',
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
});

/** Plain data, as RFC 7643 §3.1 has it: IdPs send one externalId for several resources. */
export const EXTERNAL_ID = attr('externalId', 'string', {
  description: 'Identifier of the resource as defined by the provisioning client.',
  caseExact: true,
  uniqueness: 'none',
});

export const META = complex(
  'meta',
  [
    attr('resourceType', 'string', { mutability: 'readOnly', caseExact: true }),
    attr('created', 'dateTime', { mutability: 'readOnly' }),
    attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
    attr('location', 'reference', { mutability: 'readOnly', caseExact: true, referenceTypes: ['uri'] }),
    attr('version', 'string', { mutability: 'readOnly', caseExact: true }),
  ],
  { description: 'Resource metadata.', mutability: 'readOnly' },
);

export const COMMON_ATTRIBUTES = [ID, EXTERNAL_ID, META] as const;
