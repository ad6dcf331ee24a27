import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { foldCase } from '../../scim/filter/compare.ts';
import { migrations } from './migrations/index.ts';

export type Connection = Database.Database;

/**
 * DESIGN.md: nothing acknowledged is lost. better-sqlite3 builds SQLite with WAL defaulting to
 * synchronous=NORMAL, so FULL is set explicitly after switching to WAL.
 */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON'];

/**
 * SQLite waits for a lock by sleeping inside the call, which would freeze the event loop. Opening may
 * wait (nothing is served yet); serving never does: a busy writer is retried by the driver with timers,
 * and a WAL reader needs no lock another program can hold for long.
 */
const OPENING_BUSY_TIMEOUT_MS = 5000;

function configure(db: Connection): Connection {
  db.pragma(`busy_timeout = ${OPENING_BUSY_TIMEOUT_MS}`);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  // Case folding in SQL must equal the folding in code, so the SQL filter and the oracle agree.
  db.function('scim_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldCase(value) : value,
  );
  return db;
}

function migrate(db: Connection): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all());
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
    }).immediate();
  }
}

/**
 * Opens the writer connection (which migrates) and a separate reader. Reads outside a transaction use
 * the reader, so they never see another request's uncommitted writes between the writer's awaits.
 */
export function openSqlite(path: string): { writer: Connection; reader: Connection } {
  mkdirSync(dirname(path), { recursive: true });
  const writer = configure(new Database(path));
  migrate(writer);
  const reader = configure(new Database(path));
  for (const db of [writer, reader]) db.pragma('busy_timeout = 0');
  return { writer, reader };
}

export function readPragmas(db: Connection): Record<string, unknown> {
  return {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: ['off', 'normal', 'full', 'extra'][Number(db.pragma('synchronous', { simple: true }))],
    foreign_keys: db.pragma('foreign_keys', { simple: true }) === 1 ? 'on' : 'off',
    busy_timeout: db.pragma('busy_timeout', { simple: true }),
  };
}
