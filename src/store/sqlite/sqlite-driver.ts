import type { Statement } from 'better-sqlite3';
import { type Db, type Driver, withoutNulls } from '../sql/driver.ts';
import { type Connection, openSqlite, readPragmas } from './open-sqlite.ts';
import { sqliteDialect } from './sqlite-dialect.ts';
import { beginImmediate, LOCK_WAIT_MS, translate } from './write-lock.ts';

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

/** Statements run at once on one connection; `atomic` is given by the caller. A lock conflict is a 503. */
function direct(prepare: (sql: string) => Prepared, atomic: Db['atomic']): Db {
  const call = <T>(
    sql: string,
    values: readonly unknown[] = [],
    step: (s: Statement, args: unknown[]) => T,
  ) => {
    const prepared = prepare(sql);
    try {
      return step(prepared.statement, bound(prepared, values));
    } catch (error) {
      return translate(error);
    }
  };
  return {
    run: async (sql, values) => call(sql, values, (s, args) => s.run(...args).changes),
    get: async <R>(sql: string, values?: readonly unknown[]) =>
      call(sql, values, (s, args) => withoutNulls(s.get(...args) as R | undefined)),
    all: async <R>(sql: string, values?: readonly unknown[]) =>
      call(sql, values, (s, args) => (s.all(...args) as R[]).map(withoutNulls)),
    atomic,
    lock: () => '',
  };
}

/**
 * better-sqlite3 is synchronous and cannot hold a transaction across awaits by itself, so writes are
 * queued: one at a time on the writer, each a BEGIN IMMEDIATE … COMMIT (a lone statement too, so every
 * write waits for the lock the same way, see write-lock.ts). Reads outside a transaction use the
 * reader, so they never see another request's uncommitted writes, and in WAL mode never wait for a
 * writer, this process's or another's.
 */
export function openSqliteDriver(path: string): Driver {
  const { writer, reader } = openSqlite(path);
  let tail: Promise<unknown> = Promise.resolve();
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
  /** When a write last found the lock held by another program, until one gets it again. */
  let lockedSince: string | undefined;
  const onBusy = (busy: boolean) => {
    lockedSince = busy ? (lockedSince ?? new Date().toISOString()) : undefined;
  };

  // Inside the open transaction statements run on the writer with no queueing of their own (the
  // transaction holds the queue), and an atomic step simply joins it.
  const inTx: Db = direct(statementCache(writer), (work) => work(inTx));
  const transaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => {
    // The wait for the lock counts from the call, so writes queued behind a refused one are refused too.
    const deadline = Date.now() + LOCK_WAIT_MS;
    return queued(async () => {
      await beginImmediate(writer, deadline, onBusy);
      try {
        const result = await work(inTx);
        writer.exec('COMMIT');
        return result;
      } catch (error) {
        // A failed COMMIT (SQLITE_BUSY) leaves the transaction open: nothing of it is kept.
        if (writer.inTransaction) writer.exec('ROLLBACK');
        return translate(error);
      }
    });
  };
  const readable = statementCache(reader);
  const reads = direct(readable, transaction);
  const isRead = (sql: string) => readable(sql).statement.readonly;
  const db: Db = {
    run: (sql, values) => transaction((tx) => tx.run(sql, values)),
    get: (sql, values) => (isRead(sql) ? reads.get(sql, values) : transaction((tx) => tx.get(sql, values))),
    all: (sql, values) => (isRead(sql) ? reads.all(sql, values) : transaction((tx) => tx.all(sql, values))),
    atomic: transaction,
    lock: () => '',
  };

  return {
    db,
    dialect: sqliteDialect,
    async health() {
      reader.prepare('SELECT 1').get();
      const schemaVersion = reader.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
      return {
        database: 'sqlite',
        schemaVersion,
        ...readPragmas(writer),
        writeLockWaitMs: LOCK_WAIT_MS,
        // Reads are served meanwhile; writes get 503 with Retry-After until the other program lets go.
        ...(lockedSince && { writeLock: `held by another program since ${lockedSince}` }),
      };
    },
    async close() {
      await queued(async () => undefined);
      reader.close();
      writer.close();
    },
  };
}
