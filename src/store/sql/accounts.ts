import { foldCase } from '../../scim/filter/compare.ts';
import type { AdminRecord, AdminStore, OperatorRecord, OperatorStore } from '../port.ts';
import type { Db } from './driver.ts';

const COLUMNS = `id, tenant_id AS tenant, username, display_name AS "displayName", kind, created_at AS "createdAt",
  disabled_at AS "disabledAt"`;

type WithHash<T> = T & { readonly passwordHash: string };

/** A tenant's admin and provisioning accounts; usernames compare case-folded (folded in code). */
export function adminRepo(db: Db, tenant: string): AdminStore {
  /** Matches an account by id or by username. */
  const byEither = 'tenant_id = $2 AND (id = $3 OR username_key = $4)';
  return {
    async create(account, passwordHash) {
      const { id, username, kind, createdAt } = account;
      const named = [username, account.displayName ?? null];
      const inserted = await db.run(
        `INSERT INTO admins (tenant_id, id, username, display_name, kind, created_at, username_key, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, username_key) DO NOTHING`,
        [tenant, id, ...named, kind, createdAt, foldCase(username), passwordHash],
      );
      return inserted > 0;
    },
    findByUsername(username) {
      const sql = `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM admins WHERE tenant_id = $1 AND username_key = $2`;
      return db.get<WithHash<AdminRecord>>(sql, [tenant, foldCase(username)]);
    },
    get(id) {
      return db.get<AdminRecord>(`SELECT ${COLUMNS} FROM admins WHERE tenant_id = $1 AND id = $2`, [
        tenant,
        id,
      ]);
    },
    list() {
      const sql = `SELECT ${COLUMNS} FROM admins WHERE tenant_id = $1 ORDER BY username_key`;
      return db.all<AdminRecord>(sql, [tenant]);
    },
    disable(usernameOrId, now) {
      const sql = `UPDATE admins SET disabled_at = $1 WHERE ${byEither} AND disabled_at IS NULL RETURNING ${COLUMNS}`;
      return db.get<AdminRecord>(sql, [now, tenant, usernameOrId, foldCase(usernameOrId)]);
    },
    setPassword(usernameOrId, passwordHash) {
      const sql = `UPDATE admins SET password_hash = $1 WHERE ${byEither} RETURNING ${COLUMNS}`;
      return db.get<AdminRecord>(sql, [passwordHash, tenant, usernameOrId, foldCase(usernameOrId)]);
    },
  };
}

const OPERATOR = 'SELECT id, username, created_at AS "createdAt"';

/** The server's operator accounts, which belong to no tenant. */
export function operatorRepo(db: Db): OperatorStore {
  return {
    async count() {
      return (await db.get<{ count: number }>('SELECT count(*) AS count FROM operators'))?.count ?? 0;
    },
    async create(operator, passwordHash) {
      const inserted = await db.run(
        `INSERT INTO operators (id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (username) DO NOTHING`,
        [operator.id, operator.username, passwordHash, operator.createdAt],
      );
      return inserted > 0;
    },
    get(id) {
      return db.get<OperatorRecord>(`${OPERATOR} FROM operators WHERE id = $1`, [id]);
    },
    findByUsername(username) {
      const sql = `${OPERATOR}, password_hash AS "passwordHash" FROM operators WHERE username = $1`;
      return db.get<WithHash<OperatorRecord>>(sql, [username]);
    },
  };
}
