import type { Statement } from 'better-sqlite3';
import type { Connection } from './open-sqlite.ts';

const LIMIT = 512;

/**
 * Prepared statements by SQL text, per connection. Filter shapes vary, values never do (they are
 * bound), so the set stays small; the oldest entry goes when it is full.
 */
export class Statements {
  readonly #db: Connection;
  readonly #cache = new Map<string, Statement>();

  constructor(db: Connection) {
    this.#db = db;
  }

  /** Runs `work` in one IMMEDIATE transaction on this connection. */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  get(sql: string): Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#cache.size >= LIMIT) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sql, statement);
    }
    return statement;
  }
}
