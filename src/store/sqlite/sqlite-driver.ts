import type { Statement } from 'better-sqlite3';
import type { Db, Driver } from '../sql/driver.ts';
import { type Connection, openSqlite, readPragmas } from './open-sqlite.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

/** Prepared statements kept per connection; filter shapes vary, values never do, so the set stays small. */
const CACHED = 512;

/** A statement and how it takes its values: in order (`?`), or by number where one is used twice. */
type Prepared = { readonly statement: Statement; readonly inOrder: boolean };

function statementCache(db: Connection): (sql: string) => Prepared {
  const cache = new Map<string, Prepared>();
  return (sql) => {
    let prepared = cache.get(sql);
    if (!prepared) {
      const numbers = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
      const inOrder = numbers.every((n, i) => n === i + 1);
      // `$n` is a named parameter to SQLite; `?` binds positionally, as fast as binding gets.
      prepared = { statement: db.prepare(inOrder ? sql.replace(/\$\d+/g, '?') : sql), inOrder };
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(sql, prepared);
    }
    return prepared;
  };
}

/** Booleans are kept as 0/1 and arrays as JSON text. */
const sqliteValue = (value: unknown) =>
  typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? JSON.stringify(value) : value;

/** A statement's values, bound as it takes them. */
function bound({ inOrder }: Prepared, values: readonly unknown[]): unknown[] {
  if (inOrder) return values.map(sqliteValue);
  const byNumber: Record<number, unknown> = {};
  for (const [i, value] of values.entries()) byNumber[i + 1] = sqliteValue(value);
  return [byNumber];
}

/** Statements run at once on one connection; `atomic` is given by the caller. */
function direct(prepare: (sql: string) => Prepared, atomic: Db['atomic']): Db {
  const call = (sql: string, values: readonly unknown[] = []) => {
    const prepared = prepare(sql);
    return { statement: prepared.statement, args: bound(prepared, values) };
  };
  return {
    async run(sql, values) {
      const { statement, args } = call(sql, values);
      return statement.run(...args).changes;
    },
    async get<R>(sql: string, values?: readonly unknown[]) {
      const { statement, args } = call(sql, values);
      return statement.get(...args) as R | undefined;
    },
    async all<R>(sql: string, values?: readonly unknown[]) {
      const { statement, args } = call(sql, values);
      return statement.all(...args) as R[];
    },
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
