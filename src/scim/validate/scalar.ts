import { parseDateTime } from '../filter/index.ts';
import type { AttributeType } from '../schema/attribute.ts';

export type ScalarType = Exclude<AttributeType, 'complex'>;

/** Returned by a coercer for a value of the wrong type. */
export const INVALID: unique symbol = Symbol('invalid');

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * RFC 7643 §2.3: the JSON shape each simple type accepts. Values are kept as sent (no reformatting),
 * because Entra re-PATCHes any value that does not round-trip.
 */
const coercers: { readonly [T in ScalarType]: (value: unknown) => unknown } = {
  string: (value) => (typeof value === 'string' ? value : INVALID),
  reference: (value) => (typeof value === 'string' ? value : INVALID),
  boolean: coerceBoolean,
  integer: (value) => (Number.isInteger(value) ? value : INVALID),
  decimal: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : INVALID),
  // The same xsd:dateTime reading the filter evaluator uses, so every stored value can be compared.
  dateTime: (value) => (typeof value === 'string' && parseDateTime(value) !== undefined ? value : INVALID),
  // RFC 7643 §2.3.6: base64 as in RFC 4648 §4, padded, no line breaks.
  binary: (value) => (typeof value === 'string' && BASE64.test(value) ? value : INVALID),
};

/** Entra sends booleans as "True"/"False" (and OneLogin as strings): accept those two, reject others. */
function coerceBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  const folded = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  return INVALID;
}

export function coerceScalar(type: ScalarType, value: unknown): unknown {
  return coercers[type](value);
}
