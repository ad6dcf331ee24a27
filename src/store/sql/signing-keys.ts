import type { SigningKey, SigningKeyStore, TenantId } from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

interface Row {
  tenant_id: string;
  kid: string;
  algorithm: string;
  secret: string;
  created_at: string;
  retired_at: string | null;
}

const COLUMNS = 'tenant_id, kid, algorithm, secret, created_at, retired_at';
const LIVE = `SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = $1 AND retired_at IS NULL ORDER BY created_at DESC`;

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

/** A tenant's JWT signing keys; adding one (and retiring the others) is one atomic step. */
export function signingKeyRepo(db: Db, dialect: Dialect, tenant: string): SigningKeyStore {
  return {
    async current() {
      const row = await db.get<Row>(LIVE, [tenant]);
      return row && toKey(row);
    },
    async get(kid) {
      const row = await db.get<Row>(`SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = $1 AND kid = $2`, [
        tenant,
        kid,
      ]);
      return row && toKey(row);
    },
    async list() {
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM signing_keys WHERE tenant_id = $1 ORDER BY created_at`,
        [tenant],
      );
      return rows.map(toKey);
    },
    add(key, retire) {
      return db.atomic(async (tx) => {
        // Two processes adding a first key at once must not both succeed.
        if (dialect.keyLock) await tx.run(dialect.keyLock, [`signing-keys:${tenant}`]);
        const live = await tx.get<Row>(LIVE, [tenant]);
        if (live && !retire) return toKey(live);
        const sql = 'UPDATE signing_keys SET retired_at = $1 WHERE tenant_id = $2 AND retired_at IS NULL';
        await tx.run(sql, [key.createdAt, tenant]);
        await tx.run(`INSERT INTO signing_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, NULL)`, [
          tenant,
          key.kid,
          key.algorithm,
          key.secret,
          key.createdAt,
        ]);
        return { ...key, tenant: tenant as TenantId, retiredAt: undefined };
      });
    },
  };
}
