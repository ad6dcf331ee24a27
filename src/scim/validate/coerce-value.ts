import { AppError } from '../../errors/app-error.ts';
import { isJsonObject, isUnassigned, type JsonObject, putOrDelete } from '../resource.ts';
import type { AttributeDef, SchemaDef } from '../schema/attribute.ts';
import { findByName } from '../schema/resource-type.ts';
import { coerceScalar, INVALID } from './scalar.ts';

function mustBe(path: string, expected: string): AppError {
  return new AppError('invalidValue', `Attribute "${path}" must be ${expected}.`);
}

/**
 * Checks a value against its attribute definition (RFC 7643 §2.3, §2.4) and returns it with canonical
 * sub-attribute names, or `undefined` when it is unassigned (RFC 7643 §2.5: null, "" and [] included).
 * Empty elements are dropped. `path` names the attribute in error details. Throws invalidValue for a
 * wrong type, invalidSyntax for an unknown sub-attribute.
 */
export function coerceValue(def: AttributeDef, value: unknown, path: string): unknown {
  if (isUnassigned(value)) return undefined;
  if (!def.multiValued) return coerceElement(def, value, path);
  if (!Array.isArray(value)) throw mustBe(path, 'an array');
  const items = value.map((item) => coerceElement(def, item, path)).filter((item) => item !== undefined);
  if (items.filter(isPrimary).length > 1) {
    throw new AppError('invalidValue', `At most one "${path}" value may be primary (RFC 7643 §2.4).`);
  }
  return items.length > 0 ? items : undefined;
}

/** One value of `def`: an element of a multi-valued attribute, or the value of a single-valued one. */
export function coerceElement(def: AttributeDef, value: unknown, path: string): unknown {
  if (isUnassigned(value)) return undefined;
  if (def.type === 'complex') return coerceComplex(def, value, path);
  const coerced = coerceScalar(def.type, value);
  if (coerced === INVALID) throw mustBe(path, `a valid ${def.type}`);
  return coerced;
}

export function isPrimary(value: unknown): boolean {
  return isJsonObject(value) && value.primary === true;
}

function coerceComplex(def: AttributeDef, value: unknown, path: string): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [sub, raw] of complexEntries(def, asObject(def, value, path), path)) {
    putOrDelete(out, sub.name, coerceValue(sub, raw, `${path}.${sub.name}`));
  }
  return isAssignedComplex(def, out) ? out : undefined;
}

/** Entra sends `manager` as a bare id or as a one-element array (idp-behaviour §6.12); read both as `{value}`. */
function asObject(def: AttributeDef, value: unknown, path: string): JsonObject {
  if (isJsonObject(value)) return value;
  if (!def.multiValued) {
    if (Array.isArray(value) && value.length === 1 && isJsonObject(value[0])) return value[0];
    if (typeof value === 'string' && valueSub(def)) return { value };
  }
  throw mustBe(path, 'an object');
}

/**
 * A complex value with no sub-attributes is unassigned, and so is one whose `value` is missing when its
 * type has a `value`: an email without an address (Okta's empty secondaries) or `{"value": ""}`, which
 * is how Entra removes a manager.
 */
function isAssignedComplex(def: AttributeDef, value: JsonObject): boolean {
  return Object.keys(value).length > 0 && (!valueSub(def) || value.value !== undefined);
}

function valueSub(def: AttributeDef): AttributeDef | undefined {
  return def.subAttributes?.find((sub) => sub.name === 'value');
}

/**
 * The sub-attributes an object gives, matched case-insensitively (RFC 7643 §2.1). Unknown or repeated
 * names are rejected. Ignored, as RFC 7644 §3.3 says for readOnly values: readOnly sub-attributes
 * (`members.display`, `manager.displayName`) and the `$ref` of a multi-valued attribute's element,
 * which the service derives from `value` (Entra sends `"$ref": null`).
 */
export function complexEntries(
  def: AttributeDef,
  value: JsonObject,
  path: string,
): [AttributeDef, unknown][] {
  return namedEntries(def.subAttributes ?? [], value, `${path}.`).filter(
    ([sub]) => sub.mutability !== 'readOnly' && !(def.multiValued && sub.name === '$ref'),
  );
}

/** The attributes an extension object gives (RFC 7643 §3.3), which must be an object. */
export function extensionEntries(schema: SchemaDef, value: unknown): [AttributeDef, unknown][] {
  if (!isJsonObject(value)) throw new AppError('invalidValue', `"${schema.id}" must be an object.`);
  return namedEntries(schema.attributes, value, `${schema.id}:`);
}

/** Pairs each key of `value` with its definition in `defs`, case-insensitively; `prefix` leads details. */
function namedEntries(
  defs: readonly AttributeDef[],
  value: JsonObject,
  prefix: string,
): [AttributeDef, unknown][] {
  const seen = new Set<AttributeDef>();
  return Object.entries(value).flatMap(([key, raw]): [AttributeDef, unknown][] => {
    const def = findByName(defs, key);
    if (!def) return unknownName(`${prefix}${key}`, raw);
    if (seen.has(def)) {
      throw new AppError('invalidSyntax', `Attribute "${prefix}${def.name}" is given twice.`);
    }
    seen.add(def);
    return [[def, raw]];
  });
}

/**
 * An unknown name is invalidSyntax when it carries data. Unassigning it is a no-op, though: older Entra
 * samples send `"manager": null` at the top level, where User has no such attribute (idp-behaviour §2.4).
 */
export function unknownName(name: string, value: unknown): [] {
  if (isUnassigned(value)) return [];
  throw new AppError('invalidSyntax', `Unknown attribute "${name}".`);
}
