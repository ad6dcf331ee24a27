import { foldCase } from '../../scim/filter/compare.ts';
import type { AdminStore } from '../port.ts';
import {
  ADMIN_INSERT_COLUMNS,
  adminInsertValues,
  ADMIN_COLUMNS as COLUMNS,
  type AdminRow as Row,
  toAdmin as toRecord,
} from '../sql/account-rows.ts';
import type { Statements } from './statements.ts';

/** Tenant admin and provisioning accounts; `write` runs outside any open transaction. */
export function adminRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): AdminStore {
  const byUsername = `SELECT ${COLUMNS}, password_hash FROM admins WHERE tenant_id = ? AND username_key = ?`;
  return {
    create(record, passwordHash) {
      const sql = `INSERT INTO admins (${ADMIN_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id, username_key) DO NOTHING`;
      return write(() => writer.get(sql).run(...adminInsertValues(record, passwordHash)).changes > 0);
    },
    async findByUsername(tenant, username) {
      const row = reader.get(byUsername).get(tenant, foldCase(username)) as Row | undefined;
      return row && { ...toRecord(row), passwordHash: row.password_hash };
    },
    async get(tenant, id) {
      const row = reader.get(`SELECT ${COLUMNS} FROM admins WHERE tenant_id = ? AND id = ?`).get(tenant, id);
      return row ? toRecord(row as Row) : undefined;
    },
    async list(tenant) {
      const rows = reader
        .get(`SELECT ${COLUMNS} FROM admins WHERE tenant_id = ? ORDER BY username_key`)
        .all(tenant);
      return (rows as Row[]).map(toRecord);
    },
    disable(tenant, usernameOrId, now) {
      const sql = `UPDATE admins SET disabled_at = ? WHERE tenant_id = ? AND (id = ? OR username_key = ?)
        AND disabled_at IS NULL RETURNING ${COLUMNS}`;
      return write(() => {
        const row = writer.get(sql).get(now, tenant, usernameOrId, foldCase(usernameOrId));
        return row ? toRecord(row as Row) : undefined;
      });
    },
    setPassword(tenant, usernameOrId, passwordHash) {
      const sql = `UPDATE admins SET password_hash = ? WHERE tenant_id = ? AND (id = ? OR username_key = ?)
        RETURNING ${COLUMNS}`;
      return write(() => {
        const row = writer.get(sql).get(passwordHash, tenant, usernameOrId, foldCase(usernameOrId));
        return row ? toRecord(row as Row) : undefined;
      });
    },
  };
}
