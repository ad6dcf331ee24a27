import { getAttr, isJsonObject, type ResourceDoc, refName, setAttr } from '../resource.ts';
import type { AttrRef } from '../schema/resource-type.ts';
import { coerceValue, isPrimary } from '../validate/coerce-value.ts';

/**
 * Rewrites the values of a multi-valued attribute, then re-validates the whole list: empty elements
 * go, an empty list unassigns the attribute, and two primaries are invalidValue.
 */
export function updateElements(
  doc: ResourceDoc,
  ref: AttrRef,
  update: (current: readonly unknown[]) => unknown[],
): void {
  const stored = getAttr(doc, ref);
  const current = Array.isArray(stored) ? stored : [];
  const next = demoteOldPrimaries(current, update(current));
  setAttr(doc, ref, coerceValue(ref.attr, next, refName(ref)));
}

/**
 * RFC 7644 §3.5.2: a PATCH that sets a value's "primary" to true makes the server set it to false on
 * the other values. Updates never modify an element in place, so an element that is still the same
 * object as before was not written by this operation.
 */
function demoteOldPrimaries(before: readonly unknown[], after: unknown[]): unknown[] {
  const old = new Set(before.filter(isPrimary));
  if (!after.some((element) => isPrimary(element) && !old.has(element))) return after;
  return after.map((element) =>
    old.has(element) && isJsonObject(element) ? { ...element, primary: false } : element,
  );
}
