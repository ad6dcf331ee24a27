import pg from 'pg';
import { StoreUnavailableError } from '../port.ts';
import { migrations } from './migrations/index.ts';

/** Any key, the same in every process: only one process at a time runs migrations. */
const MIGRATION_LOCK = 0x5c1_3174;

/**
 * BIGINT (counts, sequence numbers) as a number rather than pg's default text, as SQLite returns it:
 * these stay far below 2^53, so no repository converts them.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    // Connections per process; a few are enough, since each statement is short.
    max: 10,
    // A refused connection fails at once; this bounds the wait for a free connection under load.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // A statement stuck behind a lock answers 503 rather than hanging a request forever.
    statement_timeout: 15_000,
    application_name: 'scimitar',
    types,
  });
  // A connection the server drops must not crash the process: an idle one is replaced by the pool, and
  // one in use fails its next statement, which becomes a 503 (isUnavailable) and is then discarded.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Applies the migrations this database lacks, under an advisory lock held for the whole run. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          migration.version,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      ran.push(migration.version);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** SQLSTATEs that mean "run the whole transaction again": serialization failure and deadlock. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '40001' || code === '40P01';
}

/**
 * Errors that mean the database cannot be reached or has gone away, as opposed to a bad statement:
 * network errors, the connect timeout, and SQLSTATE classes 08 (connection), 57P (shutdown), 53
 * (out of resources) and the statement timeout (57014).
 */
export function isUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(08|57P|53)/.test(code) || code === '57014') return true;
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT…
  }
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated|not queryable/i.test(message)
  );
}

/** Rethrows database outages as the port's StoreUnavailableError, which the HTTP layer answers with 503. */
export function translate(error: unknown): never {
  if (isUnavailable(error)) throw new StoreUnavailableError('the database is unavailable', { cause: error });
  throw error;
}
