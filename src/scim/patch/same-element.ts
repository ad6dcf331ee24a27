import { isDeepStrictEqual } from 'node:util';
import { compareValue } from '../filter/index.ts';
import { isJsonObject } from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';

/**
 * Whether two values of a multi-valued attribute are the same value: compared by their `value`
 * sub-attribute when the type has one (a member is its id, whatever `display` came with it), else as
 * a whole. Strings follow the attribute's caseExact, exactly as the filter `[value eq "…"]` would.
 */
export function sameElement(def: AttributeDef, a: unknown, b: unknown): boolean {
  const valueDef = def.subAttributes?.find((sub) => sub.name === 'value');
  if (valueDef && isJsonObject(a) && isJsonObject(b)) return equalScalars(valueDef, a.value, b.value);
  return def.type === 'complex' ? isDeepStrictEqual(a, b) : equalScalars(def, a, b);
}

function equalScalars(def: AttributeDef, a: unknown, b: unknown): boolean {
  return (
    (typeof b === 'string' || typeof b === 'number' || typeof b === 'boolean') &&
    compareValue(def, 'eq', a, b)
  );
}
