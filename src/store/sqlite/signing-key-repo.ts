import type { SigningKeyStore } from '../port.ts';
import {
  SIGNING_KEY_COLUMNS as COLUMNS,
  type SigningKeyRow as Row,
  toSigningKey as toKey,
} from '../sql/account-rows.ts';
import type { Statements } from './statements.ts';

const LIVE = `SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = ? AND retired_at IS NULL ORDER BY created_at DESC`;

/** `write` runs its work alone on the writer, so the retire-then-insert below is one atomic step. */
export function signingKeyRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): SigningKeyStore {
  return {
    async current(tenant) {
      const row = reader.get(LIVE).get(tenant) as Row | undefined;
      return row && toKey(row);
    },
    async get(tenant, kid) {
      const row = reader
        .get(`SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = ? AND kid = ?`)
        .get(tenant, kid);
      return row ? toKey(row as Row) : undefined;
    },
    async list(tenant) {
      const rows = reader
        .get(`SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = ? ORDER BY created_at`)
        .all(tenant);
      return (rows as Row[]).map(toKey);
    },
    add(key, retire) {
      return write(() => {
        return writer.atomically(() => {
          const live = writer.get(LIVE).get(key.tenant) as Row | undefined;
          if (live && !retire) return toKey(live);
          writer
            .get('UPDATE signing_keys SET retired_at = ? WHERE tenant_id = ? AND retired_at IS NULL')
            .run(key.createdAt, key.tenant);
          writer
            .get(`INSERT INTO signing_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL)`)
            .run(key.tenant, key.kid, key.algorithm, key.secret, key.createdAt);
          return { ...key, retiredAt: undefined };
        });
      });
    },
  };
}
