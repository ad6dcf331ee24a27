import type pg from 'pg';

/** The pool (one statement, any connection) or a client holding an open transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/**
 * How many distinct statements get a name. Filters compile to text that varies with the filter's shape,
 * never with its values, so a few dozen shapes cover what IdPs send; the cap keeps a stream of odd
 * filters from growing every connection's statement cache without bound.
 */
const MAX_NAMED = 256;
const names = new Map<string, string>();

/** A query whose text each connection parses and plans once, by name (unnamed past the cap). */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `s${names.size + 1}`;
    names.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}

/** Runs `work` in one transaction on one connection (rerun on a serialization failure or deadlock). */
export type Atomic = <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;
