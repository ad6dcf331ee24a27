import type { CompareOp } from '../../scim/filter/ast.ts';
import { type Instant, parseDateTime } from '../../scim/filter/date-time.ts';

function instantOf(text: string): Instant {
  const instant = parseDateTime(text);
  // The parser has already rejected literals that are not xsd:dateTime.
  if (!instant) throw new Error(`not a dateTime: ${text}`);
  return instant;
}

/** Seconds since the epoch, for dialects that compare JSON dateTime values numerically. */
export function epochSeconds(text: string): number {
  const { seconds, fraction } = instantOf(text);
  return seconds + Number(`0.${fraction || '0'}`);
}

/**
 * A dateTime literal against a timestamp column, which holds millisecond ISO-8601 UTC text that sorts
 * as time. A literal finer than a millisecond lies strictly between two column values, so the
 * comparison is rewritten against its floor: `> x.sss5` is `> x.sss`, `<= x.sss5` is `<= x.sss`.
 */
export function columnDateTime(
  text: string,
  op: CompareOp,
): { iso: string; op: CompareOp | 'never' | 'always' } {
  const { seconds, fraction } = instantOf(text);
  const iso = new Date(seconds * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'))).toISOString();
  if (fraction.length <= 3) return { iso, op };
  const between: Partial<Record<CompareOp, CompareOp | 'never' | 'always'>> = {
    eq: 'never',
    ne: 'always',
    gt: 'gt',
    ge: 'gt',
    lt: 'le',
    le: 'le',
  };
  return { iso, op: between[op] ?? op };
}
