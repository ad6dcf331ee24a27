import { attr, type SchemaDef } from '../../src/scim/schema/attribute.ts';
import { type ResourceTypeDef, USER_RESOURCE } from '../../src/scim/schema/resource-type.ts';

export const TEST_SCHEMA = 'urn:example:params:scim:schemas:extension:test:2.0:User';

/** The core schemas have no integer or decimal attributes; this extension supplies some for tests. */
const testExtension: SchemaDef = {
  id: TEST_SCHEMA,
  name: 'TestUser',
  description: 'Numeric attributes for tests',
  attributes: [attr('level', 'integer'), attr('score', 'decimal')],
};

/** USER_RESOURCE plus the numeric test extension. */
export const TEST_RESOURCE: ResourceTypeDef = {
  ...USER_RESOURCE,
  extensions: [...USER_RESOURCE.extensions, { schema: testExtension, required: false }],
};
