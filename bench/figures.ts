// What a run's requests add up to, and the plain table the soak prints.
import type { Sent } from './paced-load.ts';

export interface Tally {
  readonly requests: number;
  /** Answers by status class (`2xx` … `5xx`), and failures by network error code. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p99: number;
}

/** The value below which `q` of `sorted` lie (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

export function tally(sent: readonly Sent[]): Tally {
  const outcomes: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  for (const s of sent) {
    const key = s.status === undefined ? (s.error ?? 'unknown') : `${Math.floor(s.status / 100)}xx`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const answered = sent.filter((s) => s.status !== undefined).map((s) => s.ms);
  const ms = answered.sort((a, b) => a - b);
  return { requests: sent.length, outcomes, p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}

/** Every outcome that is not a 2xx, e.g. `4xx 3, ECONNRESET 2`, or `none`. */
export function failures(t: Tally): string {
  const bad = Object.entries(t.outcomes).filter(([k, n]) => k !== '2xx' && n > 0);
  return bad.length ? bad.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

/** Prints rows as columns, the first row being the header. */
export function printTable(title: string, rows: readonly (readonly (string | number)[])[]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length))) ?? [];
  console.log(`\n${title}`);
  for (const row of rows)
    console.log(`  ${row.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  ')}`);
}
