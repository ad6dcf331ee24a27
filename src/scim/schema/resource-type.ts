import type { AttributeDef, SchemaDef } from './attribute.ts';
import { COMMON_ATTRIBUTES } from './common.ts';
import { coreGroup } from './core-group.ts';
import { coreUser } from './core-user.ts';
import { enterpriseUser } from './enterprise-user.ts';

export interface SchemaExtension {
  readonly schema: SchemaDef;
  readonly required: boolean;
}

/** RFC 7643 §6: a resource type and the schemas its documents are made of. */
export interface ResourceTypeDef {
  readonly name: 'User' | 'Group';
  readonly endpoint: '/Users' | '/Groups';
  readonly description: string;
  readonly schema: SchemaDef;
  readonly extensions: readonly SchemaExtension[];
}

export const USER_RESOURCE: ResourceTypeDef = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: coreUser,
  extensions: [{ schema: enterpriseUser, required: false }],
};

export const GROUP_RESOURCE: ResourceTypeDef = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: coreGroup,
  extensions: [],
};

/**
 * A resolved attribute reference. `extension` says the value lives under the schema URN key of the
 * document (RFC 7643 §3.3); core and common attributes live at the top level.
 */
export interface AttrRef {
  readonly schema: string;
  readonly extension: boolean;
  readonly attr: AttributeDef;
  readonly sub?: AttributeDef;
}

/** A reference to each attribute of `rt`: its schema's, the common ones, then its extensions'. */
export function attributeRefs(rt: ResourceTypeDef): AttrRef[] {
  return [
    ...[...rt.schema.attributes, ...COMMON_ATTRIBUTES].map((attr) => ({
      schema: rt.schema.id,
      extension: false,
      attr,
    })),
    ...rt.extensions.flatMap(({ schema }) =>
      schema.attributes.map((attr) => ({ schema: schema.id, extension: true, attr })),
    ),
  ];
}

/** The keys that lead to the referenced value in a stored (canonically named) document. */
export function docPath(ref: AttrRef): string[] {
  const top = ref.extension ? [ref.schema, ref.attr.name] : [ref.attr.name];
  return ref.sub ? [...top, ref.sub.name] : top;
}

/** The definition of the value a reference points at: the sub-attribute if there is one. */
export function leafDef(ref: AttrRef): AttributeDef {
  return ref.sub ?? ref.attr;
}

export function findByName<T extends { readonly name: string }>(
  items: readonly T[],
  name: string,
): T | undefined {
  const folded = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === folded);
}

/** The schema URN of `rt` (core or extension) that `text` starts with, compared case-insensitively. */
function schemaPrefix(
  rt: ResourceTypeDef,
  text: string,
): { schema: SchemaDef; extension: boolean } | undefined {
  const lower = text.toLowerCase();
  if (lower.startsWith(rt.schema.id.toLowerCase())) return { schema: rt.schema, extension: false };
  const ext = rt.extensions.find((e) => lower.startsWith(e.schema.id.toLowerCase()));
  return ext ? { schema: ext.schema, extension: true } : undefined;
}

export function findExtension(rt: ResourceTypeDef, urn: string): SchemaDef | undefined {
  const lower = urn.toLowerCase();
  return rt.extensions.find((e) => e.schema.id.toLowerCase() === lower)?.schema;
}

/**
 * Resolves an RFC 7644 §3.10 attribute path (`name.givenName`, `urn:…:User:userName`,
 * `urn:…:enterprise:2.0:User:manager.value`) against a resource type, case-insensitively (RFC 7643 §2.1).
 * Returns undefined for anything the resource type does not define.
 */
export function resolveAttrPath(rt: ResourceTypeDef, text: string): AttrRef | undefined {
  let schema = rt.schema;
  let extension = false;
  let rest = text;
  if (text.toLowerCase().startsWith('urn:')) {
    const prefix = schemaPrefix(rt, text);
    if (!prefix || text[prefix.schema.id.length] !== ':') return undefined;
    ({ schema, extension } = prefix);
    rest = text.slice(schema.id.length + 1);
  }
  const [attrName, subName, ...more] = rest.split('.');
  if (attrName === undefined || more.length > 0) return undefined;
  const attr =
    findByName(schema.attributes, attrName) ??
    (extension ? undefined : findByName(COMMON_ATTRIBUTES, attrName));
  if (!attr) return undefined;
  if (subName === undefined) return { schema: schema.id, extension, attr };
  const sub = attr.subAttributes && findByName(attr.subAttributes, subName);
  return sub ? { schema: schema.id, extension, attr, sub } : undefined;
}

/**
 * `resolveAttrPath`, plus one leniency for names in filters and PATCH paths: an unprefixed name that no
 * core attribute claims is looked up in the extensions. Entra ID sends `manager` this way, both in
 * `manager eq "…"` filters and in `{"op": "Add", "path": "manager"}`.
 */
export function resolveAttrPathLoosely(rt: ResourceTypeDef, text: string): AttrRef | undefined {
  const ref = resolveAttrPath(rt, text);
  if (ref || text.toLowerCase().startsWith('urn:')) return ref;
  for (const { schema } of rt.extensions) {
    const inExtension = resolveAttrPath(rt, `${schema.id}:${text}`);
    if (inExtension) return inExtension;
  }
  return undefined;
}
