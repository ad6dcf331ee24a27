import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { type Db, type Driver, withoutNulls } from '../sql/driver.ts';
import { createPool, isRetryable, isUnavailable, migrate, translate } from './open-postgres.ts';
import { postgresDialect } from './postgres-dialect.ts';

/** How often a transaction that lost a serialization race or a deadlock is run again before giving up. */
const ATTEMPTS = 8;

/**
 * How many distinct statements get a name. Filters compile to text that varies with the filter's shape,
 * never with its values, so a few dozen shapes cover what IdPs send; the cap keeps a stream of odd
 * filters from growing every connection's statement cache without bound.
 */
const MAX_NAMED = 256;
const names = new Map<string, string>();

/** A query whose text each connection parses and plans once, by name (unnamed past the cap). */
function prepared(text: string, values: readonly unknown[] = []): pg.QueryConfig {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `s${names.size + 1}`;
    names.set(text, name);
  }
  return name ? { name, text, values: [...values] } : { text, values: [...values] };
}

/** Statements on the pool or on one transaction's client; `wrap` turns outages into StoreUnavailableError. */
function queries(
  target: Pick<pg.Pool, 'query'>,
  wrap: <T>(query: () => Promise<T>) => Promise<T>,
): Pick<Db, 'run' | 'get' | 'all'> {
  const query = (sql: string, values?: readonly unknown[]) => wrap(() => target.query(prepared(sql, values)));
  return {
    run: async (sql, values) => (await query(sql, values)).rowCount ?? 0,
    get: async (sql, values) => withoutNulls((await query(sql, values)).rows[0]),
    all: async (sql, values) => (await query(sql, values)).rows.map(withoutNulls),
  };
}

async function guarded<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    return translate(error);
  }
}

/**
 * The PostgreSQL driver: stateless beyond its pool, so any number of processes can share one database.
 * Transactions run at READ COMMITTED with row locks where a row is read and rewritten; a serialization
 * failure or deadlock reruns the whole transaction, so a client never sees it.
 */
export async function openPostgresDriver(url: string): Promise<Driver> {
  const pool = createPool(url);
  await guarded(() => migrate(pool));

  async function transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await guarded(() => pool.connect());
      // Errors inside are translated once, below, after the rollback.
      const tx: Db = {
        ...queries(client, (query) => query()),
        atomic: (step) => step(tx),
        lock: (mode, of) => ` FOR ${mode}${of ? ` OF ${of}` : ''}`,
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        const broken = isUnavailable(error);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        // A connection that failed mid-transaction is destroyed rather than returned to the pool.
        client.release(broken ? (error as Error) : undefined);
        if (isRetryable(error) && attempt < ATTEMPTS) {
          await sleep(Math.random() * 5 * attempt);
          continue;
        }
        return translate(error);
      }
    }
  }

  return {
    db: { ...queries(pool, guarded), atomic: transaction, lock: () => '' },
    dialect: postgresDialect,
    async health() {
      const { rows } = await guarded(() =>
        pool.query<{ version: string; isolation: string; synchronous_commit: string; schemaVersion: number }>(
          `SELECT current_setting('server_version') AS version, current_setting('transaction_isolation') AS isolation,
             current_setting('synchronous_commit') AS synchronous_commit,
             (SELECT max(version) FROM schema_migrations) AS "schemaVersion"`,
        ),
      );
      const { totalCount, idleCount, waitingCount } = pool;
      return {
        database: 'postgres',
        ...rows[0],
        pool: { total: totalCount, idle: idleCount, waiting: waitingCount },
      };
    },
    async close() {
      await pool.end();
    },
  };
}
