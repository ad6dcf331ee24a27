import type { SigningKey, SigningKeyStore, TenantId } from '../port.ts';
import type { Statements } from './statements.ts';

interface Row {
  tenant_id: string;
  kid: string;
  algorithm: string;
  secret: string;
  created_at: string;
  retired_at: string | null;
}

const COLUMNS = 'tenant_id, kid, algorithm, secret, created_at, retired_at';
const LIVE = `SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = ? AND retired_at IS NULL ORDER BY created_at DESC`;

function toKey(row: Row): SigningKey {
  return {
    tenant: row.tenant_id as TenantId,
    kid: row.kid,
    algorithm: row.algorithm,
    secret: row.secret,
    createdAt: row.created_at,
    retiredAt: row.retired_at ?? undefined,
  };
}

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
