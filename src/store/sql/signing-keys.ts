import type { SigningKey, SigningKeyStore, TenantId } from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

const SELECT = `SELECT tenant_id AS tenant, kid, algorithm, secret, created_at AS "createdAt", retired_at AS "retiredAt"
  FROM signing_keys WHERE tenant_id = $1`;
const LIVE = `${SELECT} AND retired_at IS NULL ORDER BY created_at DESC`;

/** A tenant's JWT signing keys; adding one (and retiring the others) is one atomic step. */
export function signingKeyRepo(db: Db, dialect: Dialect, tenant: TenantId): SigningKeyStore {
  return {
    current() {
      return db.get<SigningKey>(LIVE, [tenant]);
    },
    get(kid) {
      return db.get<SigningKey>(`${SELECT} AND kid = $2`, [tenant, kid]);
    },
    list() {
      return db.all<SigningKey>(`${SELECT} ORDER BY created_at`, [tenant]);
    },
    add(key, retire) {
      return db.atomic(async (tx) => {
        // Two processes adding a first key at once must not both succeed.
        if (dialect.keyLock) await tx.run(dialect.keyLock, [`signing-keys:${tenant}`]);
        const live = await tx.get<SigningKey>(LIVE, [tenant]);
        if (live && !retire) return live;
        const retired = 'UPDATE signing_keys SET retired_at = $1 WHERE tenant_id = $2 AND retired_at IS NULL';
        await tx.run(retired, [key.createdAt, tenant]);
        await tx.run(
          `INSERT INTO signing_keys (tenant_id, kid, algorithm, secret, created_at, retired_at)
           VALUES ($1, $2, $3, $4, $5, NULL)`,
          [tenant, key.kid, key.algorithm, key.secret, key.createdAt],
        );
        return { tenant, ...key, retiredAt: undefined };
      });
    },
  };
}
