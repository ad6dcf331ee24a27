import type { AttributeDef } from '../schema/attribute.ts';
import type { CompareOp } from './ast.ts';
import { compareInstants, parseDateTime } from './date-time.ts';

/**
 * The one case fold for caseExact=false strings (RFC 7643 §2.3.1). The SQL layer folds stored and
 * filter values with this same function, so the database and this evaluator agree on every string.
 */
export function foldCase(s: string): string {
  return s.toLowerCase();
}

/**
 * Whether one stored value satisfies `op expected`, by the attribute's type (RFC 7644 §3.4.2.2).
 * A stored value of the wrong JSON type never matches, for `ne` too. The parser has already rejected
 * operators a type does not support, and null literals are the evaluator's business.
 */
export function compareValue(
  def: AttributeDef,
  op: CompareOp,
  actual: unknown,
  expected: string | number | boolean,
): boolean {
  switch (def.type) {
    case 'string':
      return compareStrings(op, actual, expected, def.caseExact);
    case 'reference':
    case 'binary':
      return compareStrings(op, actual, expected, true);
    case 'dateTime':
      return compareDateTimes(op, actual, expected);
    case 'integer':
    case 'decimal':
      return typeof actual === 'number' && typeof expected === 'number' && ordered(op, actual - expected);
    case 'boolean':
      return (
        typeof actual === 'boolean' &&
        typeof expected === 'boolean' &&
        ordered(op, actual === expected ? 0 : 1)
      );
    case 'complex':
      return false;
  }
}

function compareStrings(op: CompareOp, actual: unknown, expected: unknown, caseExact: boolean): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const [a, b] = caseExact ? [actual, expected] : [foldCase(actual), foldCase(expected)];
  switch (op) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return ordered(op, compareCodePoints(a, b));
  }
}

function compareDateTimes(op: CompareOp, actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const [a, b] = [parseDateTime(actual), parseDateTime(expected)];
  return a !== undefined && b !== undefined && ordered(op, compareInstants(a, b));
}

/**
 * Lexicographic order by Unicode code point, which is what UTF-8 byte order gives (SQLite's BINARY
 * collation, PostgreSQL's "C"); JavaScript's `<` compares UTF-16 units and differs above U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const [left, right] = [a[Symbol.iterator](), b[Symbol.iterator]()];
  while (true) {
    const [x, y] = [left.next(), right.next()];
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const diff = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}

/** Applies an equality or ordering operator to a three-way comparison result. */
function ordered(op: CompareOp, cmp: number): boolean {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    default:
      return false;
  }
}
