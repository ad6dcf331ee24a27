import type { Db } from './driver.ts';
import type { ClaimedRow } from './webhooks.ts';

/** The few SQL pieces that differ between SQLite and PostgreSQL; the filter compiler asks for these. */
export interface SqlDialect {
  /** Text, number or boolean at `path` inside the JSON expression `json` (NULL when absent). */
  jsonScalar(json: string, path: readonly string[]): string;
  /** A FROM-item yielding one row per element of the JSON array at `path`, named `alias`. */
  jsonElements(json: string, path: readonly string[], alias: string): string;
  /** The JSON expression of one element produced by `jsonElements`. */
  elementJson(alias: string): string;
  /** The same element as a scalar (text, number or boolean), for comparing a simple multi-valued value. */
  elementScalar(alias: string): string;
  /** Number of elements of the JSON array at `path`, 0 when absent. */
  jsonArrayLength(json: string, path: readonly string[]): string;
  /** A text expression made to compare in byte (code point) order, as the evaluator compares. */
  bytewise(expr: string): string;
  /** Whether NULL sorts before every value in ascending order (SQLite) or after them (PostgreSQL). */
  readonly nullsFirst: boolean;
  /** Case folding identical to `foldCase` in code. */
  fold(expr: string): string;
  /** The literal a JSON `true` compares equal to in `jsonScalar` output. */
  readonly jsonTrue: string;
  /** Epoch-milliseconds of a JSON dateTime text. */
  dateTime(expr: string): string;
  /** Whether `expr` contains `needle` / starts with / ends with it, all with literal characters only. */
  contains(expr: string, needle: string): string;
  startsWith(expr: string, needle: string): string;
  endsWith(expr: string, needle: string): string;
}

/** Everything else that differs between the engines: a few SQL pieces, and the statements that are not alike. */
export interface Dialect extends SqlDialect {
  /** The predicate "is an element of the text array bound at `param`", to follow a column. */
  inArray(param: string): string;
  /** A FROM-item with one row per element of the text array bound at `param`, its column `value`. */
  arrayRows(param: string, alias: string): string;
  /** The name (or message) naming the key a unique violation hit, or undefined for any other error. */
  uniqueViolation(error: unknown): string | undefined;
  /** Appends an audit event: $1 tenant, $2…$9 its fields (see audit.ts), numbered in commit order. */
  readonly appendAudit: string;
  /** Appends an outbox event ($1…$8 in OUTBOX_COLUMNS order) and fans it out to the tenant's endpoints. */
  appendEvent(db: Db, values: readonly unknown[]): Promise<void>;
  /** Leases due deliveries of one tenant: $1 tenant, $2 now, $3 limit, $4 lease end, $5 owner. */
  claim(db: Db, values: readonly unknown[]): Promise<ClaimedRow[]>;
  /** A statement that serialises first-key creation per tenant ($1), where writers are not serial already. */
  readonly keyLock: string | undefined;
}

/** Collects bound parameters as `$1`, `$2`…, which both engines accept (SQLite binds them by name). */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
