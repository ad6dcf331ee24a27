import type { AttributeType } from '../schema/attribute.ts';
import { type AttrRef, leafDef } from '../schema/resource-type.ts';
import type { CompareOp, Filter, FilterValue } from './ast.ts';
import { parseDateTime } from './date-time.ts';
import { filterError, type Token } from './lexer.ts';

const ORDERING: readonly CompareOp[] = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING: readonly CompareOp[] = ['co', 'sw', 'ew'];

/** RFC 7644 §3.4.2.2: ordering is undefined for boolean and binary, substrings only make sense on text. */
function supports(type: AttributeType, op: CompareOp): boolean {
  switch (type) {
    case 'string':
    case 'reference':
      return true;
    case 'dateTime':
    case 'integer':
    case 'decimal':
      return !SUBSTRING.includes(op);
    case 'boolean':
    case 'binary':
      return !ORDERING.includes(op) && !SUBSTRING.includes(op);
    case 'complex':
      return false;
  }
}

/** Literals are JSON (RFC 7644 §3.4.2.2 compValue), so their type must be the attribute's own. */
function fits(type: AttributeType, value: string | number | boolean): boolean {
  switch (type) {
    case 'string':
    case 'reference':
    case 'binary':
      return typeof value === 'string';
    case 'dateTime':
      return typeof value === 'string' && parseDateTime(value) !== undefined;
    case 'integer':
      return Number.isInteger(value);
    case 'decimal':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'complex':
      return false;
  }
}

/**
 * RFC 7644 §3.4.2.2 lets a complex attribute stand for its `value` sub-attribute (`emails co "x"`).
 * Complex attributes without one cannot be compared, only tested with `pr`.
 */
function compared(ref: AttrRef, name: string, pos: number): AttrRef {
  if (ref.sub || ref.attr.type !== 'complex') return ref;
  const value = ref.attr.subAttributes?.find((sub) => sub.name === 'value');
  if (!value) throw filterError(`'${name}' is complex: compare one of its sub-attributes`, pos);
  return { ...ref, sub: value };
}

/** Builds a compare node after checking the operator and literal against the attribute's type. */
export function compareNode(ref: AttrRef, op: CompareOp, value: FilterValue, at: Token): Filter {
  const [name, pos] = [at.text, at.pos];
  const path = compared(ref, name, pos);
  const type = leafDef(path).type;
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw filterError(`'${op}' cannot compare '${name}' with null`, pos);
  } else if (!supports(type, op)) {
    throw filterError(`operator '${op}' is not supported on ${type} attribute '${name}'`, pos);
  } else if (!fits(type, value)) {
    throw filterError(`${JSON.stringify(value)} is not a valid ${type} value for '${name}'`, pos);
  }
  return { kind: 'compare', path, op, value };
}
