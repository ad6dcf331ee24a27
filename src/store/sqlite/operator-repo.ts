import type { OperatorStore } from '../port.ts';
import type { Statements } from './statements.ts';

interface Row {
  id: string;
  username: string;
  created_at: string;
  password_hash: string;
}

/** The server's operator accounts; `write` runs outside any open transaction. */
export function operatorRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): OperatorStore {
  return {
    async count() {
      return Number(reader.get('SELECT COUNT(*) FROM operators').pluck().get());
    },
    create(record, passwordHash) {
      const sql = `INSERT INTO operators (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (username) DO NOTHING`;
      return write(
        () => writer.get(sql).run(record.id, record.username, passwordHash, record.createdAt).changes > 0,
      );
    },
    async get(id) {
      const row = reader.get('SELECT id, username, created_at FROM operators WHERE id = ?').get(id) as
        | Row
        | undefined;
      return row && { id: row.id, username: row.username, createdAt: row.created_at };
    },
    async findByUsername(username) {
      const row = reader
        .get('SELECT id, username, created_at, password_hash FROM operators WHERE username = ?')
        .get(username) as Row | undefined;
      return (
        row && {
          id: row.id,
          username: row.username,
          createdAt: row.created_at,
          passwordHash: row.password_hash,
        }
      );
    },
  };
}
