import { foldCase } from '../../scim/filter/compare.ts';
import type { AccountKind, AdminRecord, AdminStore, OperatorStore, TenantId } from '../port.ts';
import type { Db } from './driver.ts';

interface AdminRow {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string | null;
  kind: AccountKind;
  created_at: string;
  disabled_at: string | null;
  password_hash: string;
}

const COLUMNS = 'tenant_id, id, username, display_name, kind, created_at, disabled_at';

function toAdmin(row: AdminRow): AdminRecord {
  return {
    id: row.id,
    tenant: row.tenant_id as TenantId,
    username: row.username,
    displayName: row.display_name ?? undefined,
    kind: row.kind,
    createdAt: row.created_at,
    disabledAt: row.disabled_at ?? undefined,
  };
}

/** A tenant's admin and provisioning accounts; usernames compare case-folded (folded in code). */
export function adminRepo(db: Db, tenant: string): AdminStore {
  const one = async (sql: string, values: unknown[]) => {
    const row = await db.get<AdminRow>(sql, values);
    return row && toAdmin(row);
  };
  return {
    async create(record, passwordHash) {
      const { id, username, kind, createdAt } = record;
      const inserted = await db.run(
        `INSERT INTO admins (${COLUMNS}, username_key, password_hash) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8)
         ON CONFLICT (tenant_id, username_key) DO NOTHING`,
        [tenant, id, username, record.displayName ?? null, kind, createdAt, foldCase(username), passwordHash],
      );
      return inserted > 0;
    },
    async findByUsername(username) {
      const row = await db.get<AdminRow>(
        `SELECT ${COLUMNS}, password_hash FROM admins WHERE tenant_id = $1 AND username_key = $2`,
        [tenant, foldCase(username)],
      );
      return row && { ...toAdmin(row), passwordHash: row.password_hash };
    },
    get(id) {
      return one(`SELECT ${COLUMNS} FROM admins WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
    },
    async list() {
      const rows = await db.all<AdminRow>(
        `SELECT ${COLUMNS} FROM admins WHERE tenant_id = $1 ORDER BY username_key`,
        [tenant],
      );
      return rows.map(toAdmin);
    },
    disable(usernameOrId, now) {
      return one(
        `UPDATE admins SET disabled_at = $1 WHERE tenant_id = $2 AND (id = $3 OR username_key = $4)
         AND disabled_at IS NULL RETURNING ${COLUMNS}`,
        [now, tenant, usernameOrId, foldCase(usernameOrId)],
      );
    },
    setPassword(usernameOrId, passwordHash) {
      return one(
        `UPDATE admins SET password_hash = $1 WHERE tenant_id = $2 AND (id = $3 OR username_key = $4)
         RETURNING ${COLUMNS}`,
        [passwordHash, tenant, usernameOrId, foldCase(usernameOrId)],
      );
    },
  };
}

interface OperatorRow {
  id: string;
  username: string;
  created_at: string;
  password_hash: string;
}

/** The server's operator accounts, which belong to no tenant. */
export function operatorRepo(db: Db): OperatorStore {
  return {
    async count() {
      return Number((await db.get<{ count: string }>('SELECT count(*) AS count FROM operators'))?.count ?? 0);
    },
    async create(record, passwordHash) {
      const inserted = await db.run(
        `INSERT INTO operators (id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (username) DO NOTHING`,
        [record.id, record.username, passwordHash, record.createdAt],
      );
      return inserted > 0;
    },
    async get(id) {
      const row = await db.get<OperatorRow>('SELECT id, username, created_at FROM operators WHERE id = $1', [
        id,
      ]);
      return row && { id: row.id, username: row.username, createdAt: row.created_at };
    },
    async findByUsername(username) {
      const row = await db.get<OperatorRow>(
        'SELECT id, username, created_at, password_hash FROM operators WHERE username = $1',
        [username],
      );
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
