import type { AttributeDef, SchemaDef } from '../schema/attribute.ts';
import type { ResourceTypeDef } from '../schema/resource-type.ts';

/** RFC 7643 §7 representation of one attribute definition. */
function describeAttribute(def: AttributeDef): Record<string, unknown> {
  return {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued,
    description: def.description,
    required: def.required,
    caseExact: def.caseExact,
    mutability: def.mutability,
    returned: def.returned,
    uniqueness: def.uniqueness,
    ...(def.canonicalValues && def.canonicalValues.length > 0
      ? { canonicalValues: def.canonicalValues }
      : {}),
    ...(def.referenceTypes ? { referenceTypes: def.referenceTypes } : {}),
    ...(def.subAttributes ? { subAttributes: def.subAttributes.map(describeAttribute) } : {}),
  };
}

export function describeSchema(schema: SchemaDef, baseUrl: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(describeAttribute),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function describeResourceType(rt: ResourceTypeDef, baseUrl: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: rt.name,
    name: rt.name,
    endpoint: rt.endpoint,
    description: rt.description,
    schema: rt.schema.id,
    schemaExtensions: rt.extensions.map((e) => ({ schema: e.schema.id, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${rt.name}` },
  };
}

/** Every schema the resource types use, each once. */
export function schemasOf(resourceTypes: readonly ResourceTypeDef[]): SchemaDef[] {
  const all = resourceTypes.flatMap((rt) => [rt.schema, ...rt.extensions.map((e) => e.schema)]);
  return [...new Map(all.map((s) => [s.id, s])).values()];
}
