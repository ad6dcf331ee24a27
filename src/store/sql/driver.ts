import type { Dialect } from './dialect.ts';

/**
 * Where statements run: the database outside a transaction, or one open transaction. Parameters are
 * `$1`, `$2`…; booleans and text arrays are bound as each engine keeps them. Rows come back with NULL
 * columns as absent values, as the port's records have them, so a row selected with the record's own
 * names (`created_at AS "createdAt"`) is that record.
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

/** A row as a driver returns it (see Db): its NULL columns made absent values. */
export function withoutNulls<T>(row: T): T {
  const fields = (row ?? {}) as Record<string, unknown>;
  for (const key in fields) if (fields[key] === null) fields[key] = undefined;
  return row;
}
