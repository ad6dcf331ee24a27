import { attr, complex, type SchemaDef } from './attribute.ts';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** RFC 7643 §4.2 and §8.7.1. */
export const coreGroup: SchemaDef = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', { description: 'A human-readable name for the Group.', required: true }),
    complex(
      'members',
      [
        attr('value', 'string', { description: 'Identifier of the member.', mutability: 'immutable' }),
        attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
        attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
        attr('display', 'string', { description: "The member's display name.", mutability: 'readOnly' }),
      ],
      { multiValued: true, description: 'A list of members of the Group.' },
    ),
  ],
};
