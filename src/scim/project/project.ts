import { AppError } from '../../errors/app-error.ts';
import { isJsonObject, type JsonObject, putOrDelete } from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';
import { COMMON_ATTRIBUTES } from '../schema/common.ts';
import {
  type AttrRef,
  findExtension,
  type ResourceTypeDef,
  resolveAttrPath,
} from '../schema/resource-type.ts';

/** The `attributes` and `excludedAttributes` query parameters (RFC 7644 §3.9), parsed. */
export interface Projection {
  readonly attributes: readonly AttrRef[];
  readonly excludedAttributes: readonly AttrRef[];
}

/**
 * Parses a comma-separated attribute list (RFC 7644 §3.9, names as in §3.10). A bare extension URN
 * stands for all of its attributes. An unknown name is invalidValue rather than silently dropped:
 * a typo must not widen or narrow a response unnoticed.
 */
export function parseAttributeList(rt: ResourceTypeDef, csv: string | undefined): AttrRef[] {
  const names = (csv ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.flatMap((name) => {
    const extension = findExtension(rt, name);
    if (extension)
      return extension.attributes.map((attr) => ({ schema: extension.id, extension: true, attr }));
    const ref = resolveAttrPath(rt, name);
    if (!ref) throw new AppError('invalidValue', `Unknown attribute "${name}" in the attribute list.`);
    return [ref];
  });
}

/**
 * Applies RFC 7643 §7 `returned` and RFC 7644 §3.9 to a full resource representation: `always`
 * attributes (and `schemas`) are always there, `never` ones never, `request` ones only when named in
 * `attributes`, `default` ones unless excluded or left out of a given `attributes`. Naming a complex
 * attribute selects all of its sub-attributes; naming a sub-attribute selects just it, in every element.
 * Keys the schemas do not define are dropped.
 */
export function projectResource(
  rt: ResourceTypeDef,
  resource: JsonObject,
  projection: Projection,
): JsonObject {
  const everyDefault = projection.attributes.length === 0 && projection.excludedAttributes.length === 0;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    // The common case, no projection asked for: attributes returned by default are copied as they are.
    if (key === 'schemas' || (everyDefault && isPlain(rt, key, value))) {
      out[key] = value;
      continue;
    }
    const extension = rt.extensions.find((e) => e.schema.id === key)?.schema;
    const projected = extension
      ? projectObject(extension.id, extension.attributes, value, projection)
      : projectAttr(rt.schema.id, topLevelDef(rt, key), value, projection);
    putOrDelete(out, key, projected);
  }
  return out;
}

/** Whether a top-level attribute of `rt` survives the projection, so the service can skip loading it. */
export function wantsAttribute(rt: ResourceTypeDef, projection: Projection, attrName: string): boolean {
  const ref = resolveAttrPath(rt, attrName);
  if (!ref || ref.sub) throw new TypeError(`"${attrName}" is not an attribute of ${rt.name}`);
  return select(ref.schema, ref.attr, projection) !== 'none';
}

/** Per resource type: top-level and extension attributes by canonical name. */
const definitions = new WeakMap<ResourceTypeDef, Map<string, ReadonlyMap<string, AttributeDef>>>();

function definitionsOf(rt: ResourceTypeDef): Map<string, ReadonlyMap<string, AttributeDef>> {
  let defs = definitions.get(rt);
  if (!defs) {
    const byName = (attrs: readonly AttributeDef[]) => new Map(attrs.map((a) => [a.name, a]));
    defs = new Map([['', byName([...rt.schema.attributes, ...COMMON_ATTRIBUTES])]]);
    for (const { schema } of rt.extensions) defs.set(schema.id, byName(schema.attributes));
    definitions.set(rt, defs);
  }
  return defs;
}

function topLevelDef(rt: ResourceTypeDef, key: string): AttributeDef | undefined {
  return definitionsOf(rt).get('')?.get(key);
}

const isDefault = (def: AttributeDef | undefined): boolean =>
  def !== undefined &&
  (def.returned === 'default' || def.returned === 'always') &&
  (def.subAttributes ?? []).every(isDefault);

/** A value an empty projection returns unchanged: a defined attribute (or extension of them) returned by default. */
function isPlain(rt: ResourceTypeDef, key: string, value: unknown): boolean {
  const extension = definitionsOf(rt).get(key);
  if (!extension) return isDefault(topLevelDef(rt, key));
  return isJsonObject(value) && Object.keys(value).every((name) => isDefault(extension.get(name)));
}

function projectObject(
  schema: string,
  defs: readonly AttributeDef[],
  value: unknown,
  projection: Projection,
): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: JsonObject = {};
  for (const [key, attrValue] of Object.entries(value)) {
    putOrDelete(
      out,
      key,
      projectAttr(
        schema,
        defs.find((def) => def.name === key),
        attrValue,
        projection,
      ),
    );
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function projectAttr(
  schema: string,
  def: AttributeDef | undefined,
  value: unknown,
  projection: Projection,
): unknown {
  if (!def) return undefined;
  const selection = select(schema, def, projection);
  if (selection === 'none') return undefined;
  if (selection === 'all') return value;
  if (!def.multiValued) return pickSubs(value, selection);
  const elements = Array.isArray(value) ? value.map((element) => pickSubs(element, selection)) : [];
  const kept = elements.filter((element) => element !== undefined);
  return kept.length > 0 ? kept : undefined;
}

function pickSubs(value: unknown, subs: ReadonlySet<string>): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: JsonObject = {};
  for (const [key, subValue] of Object.entries(value)) if (subs.has(key)) out[key] = subValue;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What of one attribute is returned: nothing, all of it, or these sub-attributes. */
type Selected = 'none' | 'all' | ReadonlySet<string>;

function select(schema: string, def: AttributeDef, projection: Projection): Selected {
  if (def.returned === 'never') return 'none';
  if (def.returned === 'always') return 'all';
  const names = (refs: readonly AttrRef[]) =>
    refs.filter((ref) => ref.schema === schema && ref.attr.name === def.name);
  const [requested, excluded] = [names(projection.attributes), names(projection.excludedAttributes)];
  if (excluded.some((ref) => !ref.sub)) return 'none';
  const whole =
    projection.attributes.length === 0 ? def.returned !== 'request' : requested.some((ref) => !ref.sub);
  if (!whole && requested.length === 0) return 'none';
  if (!def.subAttributes) return 'all';
  const named = new Set(requested.flatMap((ref) => (ref.sub ? [ref.sub.name] : [])));
  const dropped = new Set(excluded.flatMap((ref) => (ref.sub ? [ref.sub.name] : [])));
  const subs = def.subAttributes.filter((sub) => returnedSub(sub, whole, named) && !dropped.has(sub.name));
  return new Set(subs.map((sub) => sub.name));
}

function returnedSub(sub: AttributeDef, whole: boolean, named: ReadonlySet<string>): boolean {
  if (sub.returned === 'never') return false;
  if (sub.returned === 'always' || named.has(sub.name)) return true;
  return whole && sub.returned === 'default';
}
