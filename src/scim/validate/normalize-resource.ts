import { AppError } from '../../errors/app-error.ts';
import {
  assertNoUnsafeKeys,
  isJsonObject,
  isPassword,
  isUnassigned,
  type JsonObject,
  putOrDelete,
  type ResourceDoc,
} from '../resource.ts';
import type { AttributeDef, SchemaDef } from '../schema/attribute.ts';
import { COMMON_ATTRIBUTES } from '../schema/common.ts';
import { findByName, findExtension, type ResourceTypeDef } from '../schema/resource-type.ts';
import { checkRequired } from './check-required.ts';
import { coerceValue, extensionEntries, unknownName } from './coerce-value.ts';

export interface NormalizedResource {
  readonly doc: ResourceDoc;
  readonly password?: string;
}

type TopLevel = 'schemas' | SchemaDef | AttributeDef;

/**
 * Turns a POST or PUT body (RFC 7644 §3.3, §3.5.1) into a stored document. readOnly attributes are
 * ignored (Okta echoes `id`, `meta` and `groups: []`; OneLogin sends `"id": null`), the password is
 * handed back apart, and unknown attributes or extension URNs are rejected with invalidSyntax.
 */
export function normalizeResource(rt: ResourceTypeDef, body: unknown): NormalizedResource {
  if (!isJsonObject(body)) throw new AppError('invalidSyntax', 'The request body must be a JSON object.');
  assertNoUnsafeKeys(body);
  const doc: ResourceDoc = {};
  let password: string | undefined;
  for (const [target, raw] of topLevelEntries(rt, body)) {
    if (target === 'schemas') checkSchemas(raw);
    else if ('attributes' in target) putOrDelete(doc, target.id, normalizeExtension(target, raw));
    else if (target.mutability !== 'readOnly') {
      const value = coerceValue(target, raw, target.name);
      if (!isPassword(target)) putOrDelete(doc, target.name, value);
      else if (typeof value === 'string') password = value;
    }
  }
  checkRequired(rt, doc);
  return password === undefined ? { doc } : { doc, password };
}

function topLevelEntries(rt: ResourceTypeDef, body: JsonObject): [TopLevel, unknown][] {
  const seen = new Set<TopLevel>();
  return Object.entries(body).flatMap(([key, raw]): [TopLevel, unknown][] => {
    const target: TopLevel | undefined =
      key.toLowerCase() === 'schemas'
        ? 'schemas'
        : (findExtension(rt, key) ??
          findByName(rt.schema.attributes, key) ??
          findByName(COMMON_ATTRIBUTES, key));
    if (!target) return unknownName(key, raw);
    if (seen.has(target)) throw new AppError('invalidSyntax', `Attribute "${key}" is given twice.`);
    seen.add(target);
    return [[target, raw]];
  });
}

/** Only the shape is checked: URNs we do not know are ignored (Entra adds its ADSCIM Group URN). */
function checkSchemas(raw: unknown): void {
  if (raw !== null && !(Array.isArray(raw) && raw.every((urn) => typeof urn === 'string'))) {
    throw new AppError('invalidSyntax', '"schemas" must be an array of strings.');
  }
}

function normalizeExtension(schema: SchemaDef, raw: unknown): JsonObject | undefined {
  if (isUnassigned(raw)) return undefined;
  const out: JsonObject = {};
  for (const [def, value] of extensionEntries(schema, raw)) {
    if (def.mutability === 'readOnly') continue;
    putOrDelete(out, def.name, coerceValue(def, value, `${schema.id}:${def.name}`));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
