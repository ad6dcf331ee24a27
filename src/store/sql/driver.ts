import type { Dialect } from './dialect.ts';

/**
 * Where statements run: the database outside a transaction, or one open transaction. Parameters are
 * `$1`, `$2`…; booleans and text arrays are bound as each engine keeps them.
 */
export interface Db {
  /** A statement that changes rows; how many it changed. */
  run(sql: string, values?: readonly unknown[]): Promise<number>;
  get<R>(sql: string, values?: readonly unknown[]): Promise<R | undefined>;
  all<R>(sql: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs `work` atomically: in a transaction of its own, or as part of the one this is. */
  atomic<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * ` FOR UPDATE` or ` FOR SHARE` (of the table `of`) inside a transaction on an engine with row locks;
   * '' elsewhere, and on SQLite, whose single writer already runs one transaction at a time.
   */
  lock(mode: 'UPDATE' | 'SHARE', of?: string): string;
}

/** What an engine provides: the statements' home, its SQL hooks and its own facts. */
export interface Driver {
  /** Outside any transaction. */
  readonly db: Db;
  readonly dialect: Dialect;
  /** Facts for the readiness endpoint. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A row selected with the record's own names (`created_at AS "createdAt"`) as that record: NULL
 * columns become absent values, as the port's records have them.
 */
export function record<T>(row: object): T {
  const fields = row as Record<string, unknown>;
  for (const key in fields) if (fields[key] === null) fields[key] = undefined;
  return row as T;
}

/** The row `sql` selects, if any, as a record (see `record`). */
export async function one<T extends object>(
  db: Db,
  sql: string,
  values: readonly unknown[],
): Promise<T | undefined> {
  const row = await db.get<T>(sql, values);
  return row && record<T>(row);
}
