import { type AttributeDef, attr, complex, type SchemaDef } from '../schema/attribute.ts';
import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../schema/resource-type.ts';
import type { TenantResourceTypes } from './policy.ts';
import { PolicyError } from './policy-error.ts';
import type { ExtensionAttributeDocument, ExtensionDocument } from './policy-schema.ts';

/**
 * The tenant's User and Group: the RFC's definitions plus the tenant's own extensions (RFC 7643 §3.3),
 * so /Schemas, /ResourceTypes, validation, PATCH paths, filters, sorting and projection all read
 * the tenant's attributes exactly as they read the RFC's. `pointer` locates the extensions for errors.
 */
export function tenantResourceTypes(
  extensions: readonly ExtensionDocument[],
  pointer = '/extensions',
): TenantResourceTypes {
  const built = extensions.map((doc, i) => ({ doc, schema: extensionSchema(doc, `${pointer}/${i}`), i }));
  const withOwn = (base: ResourceTypeDef): ResourceTypeDef => {
    const own = built.filter(({ doc }) => (doc.resourceType ?? 'User') === base.name);
    for (const { schema, i } of own) assertDistinctUrn(base, own, schema, `${pointer}/${i}/id`);
    return own.length === 0
      ? base
      : {
          ...base,
          extensions: [
            ...base.extensions,
            ...own.map(({ doc, schema }) => ({ schema, required: doc.required ?? false })),
          ],
        };
  };
  return { User: withOwn(USER_RESOURCE), Group: withOwn(GROUP_RESOURCE) };
}

/**
 * Attribute paths are resolved by URN prefix (`urn:…:User:attr`), so no URN of a resource type may be
 * a prefix of another: `…:acme:1.0:User` would swallow every path of `…:acme:1.0:User:hr`.
 */
function assertDistinctUrn(
  base: ResourceTypeDef,
  own: readonly { schema: SchemaDef }[],
  schema: SchemaDef,
  pointer: string,
): void {
  const urn = schema.id.toLowerCase();
  const others = [base.schema, ...base.extensions.map((e) => e.schema), ...own.map((o) => o.schema)];
  const clash = others.find((other) => {
    const them = other.id.toLowerCase();
    return other !== schema && (urn.startsWith(them) || them.startsWith(urn));
  });
  if (clash) {
    throw new PolicyError(
      pointer,
      clash.id.toLowerCase() === urn
        ? `"${schema.id}" is already a schema of ${base.name}`
        : `"${schema.id}" and "${clash.id}" must not be prefixes of one another`,
    );
  }
}

function extensionSchema(doc: ExtensionDocument, pointer: string): SchemaDef {
  return {
    id: doc.id,
    name: doc.name,
    description: doc.description ?? '',
    attributes: definitions(doc.attributes, `${pointer}/attributes`),
  };
}

function definitions(docs: readonly ExtensionAttributeDocument[], pointer: string): AttributeDef[] {
  const seen = new Set<string>();
  return docs.map((doc, i) => {
    const at = `${pointer}/${i}`;
    const folded = doc.name.toLowerCase();
    if (seen.has(folded)) throw new PolicyError(`${at}/name`, `"${doc.name}" is defined twice`);
    seen.add(folded);
    return definition(doc, at);
  });
}

function definition(doc: ExtensionAttributeDocument, pointer: string): AttributeDef {
  const mutability = doc.mutability ?? 'readWrite';
  const returned = doc.returned ?? (mutability === 'writeOnly' ? 'never' : 'default');
  if (mutability === 'writeOnly' && returned !== 'never') {
    throw new PolicyError(`${pointer}/returned`, 'a writeOnly attribute is never returned (RFC 7643 §7)');
  }
  if (doc.referenceTypes !== undefined && doc.type !== 'reference') {
    throw new PolicyError(
      `${pointer}/referenceTypes`,
      'only an attribute of type reference has referenceTypes',
    );
  }
  const options = {
    description: doc.description ?? '',
    multiValued: doc.multiValued ?? false,
    required: doc.required ?? false,
    caseExact: doc.caseExact ?? false,
    mutability,
    returned,
    uniqueness: doc.uniqueness ?? 'none',
    ...(doc.canonicalValues ? { canonicalValues: doc.canonicalValues } : {}),
    ...(doc.referenceTypes ? { referenceTypes: doc.referenceTypes } : {}),
  } as const;
  if (doc.type !== 'complex') {
    if (doc.subAttributes)
      throw new PolicyError(`${pointer}/subAttributes`, `a ${doc.type} has no sub-attributes`);
    return attr(doc.name, doc.type, options);
  }
  if (!doc.subAttributes) throw new PolicyError(pointer, 'a complex attribute needs subAttributes');
  return complex(doc.name, definitions(doc.subAttributes, `${pointer}/subAttributes`), options);
}
