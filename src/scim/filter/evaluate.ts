import { isJsonObject } from '../resource.ts';
import { type AttrRef, docPath, leafDef } from '../schema/resource-type.ts';
import type { Filter } from './ast.ts';
import { compareValue } from './compare.ts';

/** The stored values a reference reaches, multi-valued attributes flattened, absent and null dropped. */
type Lookup = (ref: AttrRef) => unknown[];

/**
 * Evaluates a parsed filter against a stored document (canonical attribute names, extension data under
 * its schema URN). This is the reference semantics the SQL compilers are tested against.
 */
export function matchesFilter(filter: Filter, doc: Record<string, unknown>): boolean {
  return holds(filter, (ref) => valuesAt(doc, docPath(ref)));
}

function holds(filter: Filter, lookup: Lookup): boolean {
  switch (filter.kind) {
    case 'and':
      return holds(filter.left, lookup) && holds(filter.right, lookup);
    case 'or':
      return holds(filter.left, lookup) || holds(filter.right, lookup);
    case 'not':
      return !holds(filter.operand, lookup);
    case 'present':
      return lookup(filter.path).some(isNonEmpty);
    case 'compare':
      return compareHolds(filter, lookup(filter.path));
    case 'valuePath':
      // `where` refers to sub-attributes, which sit directly in each element.
      return lookup(filter.path).some(
        (element) =>
          isJsonObject(element) && holds(filter.where, (ref) => valuesAt(element, [leafDef(ref).name])),
      );
  }
}

/**
 * RFC 7644 §3.4.2.2: a multi-valued attribute matches when any of its values does. `ne` is read the same
 * way, since "the attribute and operator values are not identical" needs an attribute value: an absent
 * attribute never matches `ne` (`not (a eq v)` does), and `emails.value ne "x"` holds when some email
 * differs from "x". Absent, null and [] are one state (RFC 7643 §2.5), so `eq null` is `not pr`.
 */
function compareHolds(filter: Extract<Filter, { kind: 'compare' }>, values: unknown[]): boolean {
  const { op, value } = filter;
  if (value === null) return values.some(isNonEmpty) === (op === 'ne');
  const def = leafDef(filter.path);
  return values.some((actual) => compareValue(def, op, actual, value));
}

/** RFC 7644 §3.4.2.2 `pr`: a non-empty value, or a complex value with a non-empty sub-attribute. */
function isNonEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(isNonEmpty);
  if (isJsonObject(value)) return Object.values(value).some(isNonEmpty);
  return true;
}

function valuesAt(node: unknown, keys: readonly string[]): unknown[] {
  let values: unknown[] = [node];
  for (const key of keys) {
    values = values.flatMap((value) => (isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : []));
  }
  return values.filter((value) => value !== null && value !== undefined);
}
