import type { Statement } from 'better-sqlite3';
import type { Db, Driver } from '../sql/driver.ts';
import { type Connection, openSqlite, readPragmas } from './open-sqlite.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

/** Prepared statements kept per connection; filter shapes vary, values never do, so the set stays small. */
const CACHED = 512;

function statementCache(db: Connection): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** `$1`, `$2`… are named parameters to SQLite; booleans are kept as 0/1 and arrays as JSON text. */
function bind(values: readonly unknown[]): Record<number, unknown> {
  const bound: Record<number, unknown> = {};
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    bound[i + 1] =
      typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return bound;
}

/** Statements run at once on one connection; `atomic` is given by the caller. */
function direct(statement: (sql: string) => Statement, atomic: Db['atomic']): Db {
  return {
    run: async (sql, values = []) => statement(sql).run(bind(values)).changes,
    get: async <R>(sql: string, values: readonly unknown[] = []) =>
      statement(sql).get(bind(values)) as R | undefined,
    all: async <R>(sql: string, values: readonly unknown[] = []) => statement(sql).all(bind(values)) as R[],
    atomic,
    lock: () => '',
  };
}

const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);

/**
 * better-sqlite3 is synchronous and cannot hold a transaction across awaits by itself, so writes are
 * queued: one at a time on the writer, a transaction as BEGIN IMMEDIATE … COMMIT. Reads outside a
 * transaction use the reader, so they never see another request's uncommitted writes.
 */
export function openSqliteDriver(path: string): Driver {
  const { writer, reader } = openSqlite(path);
  let tail: Promise<unknown> = Promise.resolve();
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };

  // Inside the open transaction statements run on the writer with no queueing of their own (the
  // transaction holds the queue), and an atomic step simply joins it.
  const inTx: Db = direct(statementCache(writer), (work) => work(inTx));
  const transaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> =>
    queued(async () => {
      writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(inTx);
        writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      }
    });
  const reads = direct(statementCache(reader), transaction);
  const db: Db = {
    run: (sql, values) => queued(() => inTx.run(sql, values)),
    get: (sql, values) => (isRead(sql) ? reads.get(sql, values) : queued(() => inTx.get(sql, values))),
    all: (sql, values) => (isRead(sql) ? reads.all(sql, values) : queued(() => inTx.all(sql, values))),
    atomic: transaction,
    lock: () => '',
  };

  return {
    db,
    dialect: sqliteDialect,
    async health() {
      reader.prepare('SELECT 1').get();
      const schemaVersion = reader.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
      return { database: 'sqlite', schemaVersion, ...readPragmas(writer) };
    },
    async close() {
      await queued(async () => undefined);
      reader.close();
      writer.close();
    },
  };
}
