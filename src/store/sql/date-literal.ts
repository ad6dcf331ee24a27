import type { CompareOp } from '../../scim/filter/ast.ts';
import { type Instant, parseDateTime } from '../../scim/filter/date-time.ts';

function instantOf(text: string): Instant {
  const instant = parseDateTime(text);
  // The parser has already rejected literals that are not xsd:dateTime.
  if (!instant) throw new Error(`not a dateTime: ${text}`);
  return instant;
}

const FIRST_MS = new Date('0000-01-01T00:00:00Z').getTime();
const LAST_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

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
  const ms = seconds * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
  // Outside years 0000-9999 (UTC) ISO text no longer sorts as time; every stored value lies inside.
  if (ms < FIRST_MS) return { iso: '', op: op === 'gt' || op === 'ge' || op === 'ne' ? 'always' : 'never' };
  if (ms > LAST_MS) return { iso: '', op: op === 'lt' || op === 'le' || op === 'ne' ? 'always' : 'never' };
  const iso = new Date(ms).toISOString();
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
