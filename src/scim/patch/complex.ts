import {
  getAttr,
  isJsonObject,
  type JsonObject,
  putOrDelete,
  type ResourceDoc,
  refName,
  setAttr,
} from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';
import type { AttrRef } from '../schema/resource-type.ts';
import { coerceValue } from '../validate/coerce-value.ts';

/**
 * Sets (or, with an unassigned value, removes) sub-attributes of a single-valued complex attribute.
 * RFC 7644 §3.5.2.3: "Sub-attributes that are not specified in the value parameter are left unchanged."
 */
export function updateSubs(
  doc: ResourceDoc,
  ref: AttrRef,
  entries: readonly [AttributeDef, unknown][],
): void {
  const name = refName(ref);
  const stored = getAttr(doc, ref);
  const next: JsonObject = isJsonObject(stored) ? { ...stored } : {};
  for (const [sub, raw] of entries) putOrDelete(next, sub.name, coerceValue(sub, raw, `${name}.${sub.name}`));
  setAttr(doc, ref, coerceValue(ref.attr, next, name));
}
