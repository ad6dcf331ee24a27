import type pg from 'pg';

/** The pool (one statement, any connection) or a client holding an open transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const names = new Map<string, string>();

/**
 * A query for fixed SQL text, named so that each connection parses and plans it once. Only constant
 * statements are named: compiled filters vary with the request and would grow every connection's cache.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `s${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values };
}
