import type {
  ListQuery,
  Page,
  ResourceDoc,
  ResourceReads,
  ResourceWrites,
  StoredResource,
  Written,
} from '../port.ts';
import { Params } from '../sql/dialect.ts';
import { listSql } from '../sql/list-sql.ts';
import {
  conflictingKey,
  derivedColumns,
  emailKeys,
  pageTotal,
  RESOURCE_COLUMNS,
  type ResourceRow,
  toResource,
} from '../sql/resource-rows.ts';
import type { TableSpec } from '../sql/table-spec.ts';
import { sqliteDialect } from './sqlite-dialect.ts';
import type { Statements } from './statements.ts';

type Row = ResourceRow<string>;

const COLUMNS = RESOURCE_COLUMNS;
const COUNT_ALL = 'SELECT total FROM resource_counts WHERE tenant_id = ? AND resource_type = ?';
const ADJUST_COUNT = `INSERT INTO resource_counts (tenant_id, resource_type, total) VALUES (?, ?, ?)
  ON CONFLICT (tenant_id, resource_type) DO UPDATE SET total = total + excluded.total`;

/** SQLite keeps the document as JSON text. */
function toStored(row: Row): StoredResource {
  return toResource({ ...row, doc_json: JSON.parse(row.doc_json) as ResourceDoc });
}

/** better-sqlite3 binds no booleans: SQLite keeps them as 0 and 1. */
function sqliteValues(columns: Record<string, string | boolean | null>): unknown[] {
  return Object.values(columns).map((v) => (typeof v === 'boolean' ? Number(v) : v));
}

function conflictOf(error: unknown): Written | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  return { ok: false, conflict: conflictingKey(message) };
}

/** Reads of one resource table, scoped to one tenant. */
export function resourceReads(statements: Statements, table: TableSpec, tenant: string): ResourceReads {
  return {
    async get(id) {
      const row = statements
        .get(`SELECT ${COLUMNS} FROM ${table.table} WHERE tenant_id = ? AND id = ?`)
        .get(tenant, id);
      return row ? toStored(row as Row) : undefined;
    },
    async list(query: ListQuery): Promise<Page<StoredResource>> {
      // Named parameters: a filter may use one value twice, which positional `?` cannot express.
      const params = new Params((i) => `@p${i}`);
      const sql = listSql(query, { dialect: sqliteDialect, table, row: 't', tenant }, COLUMNS, params);
      const bound = Object.fromEntries(params.values.map((value, i) => [`p${i + 1}`, value]));
      const rows = statements.get(sql.page).all(bound) as Row[];
      const counted = () =>
        query.filter
          ? statements.get(sql.count).pluck().get(bound)
          : statements.get(COUNT_ALL).pluck().get(tenant, table.table);
      const total = pageTotal(query, rows.length) ?? Number(counted() ?? 0);
      return { total, items: rows.map(toStored) };
    },
  };
}

/** Writes of one resource table, scoped to one tenant; called inside a transaction. */
export function resourceWrites(statements: Statements, table: TableSpec, tenant: string): ResourceWrites {
  function syncEmails(id: string, doc: ResourceDoc): void {
    if (!table.emailIndex) return;
    statements.get('DELETE FROM user_emails WHERE tenant_id = ? AND user_id = ?').run(tenant, id);
    const insert = statements.get('INSERT INTO user_emails (tenant_id, user_id, value_key) VALUES (?, ?, ?)');
    for (const key of emailKeys(doc)) insert.run(tenant, id, key);
  }

  return {
    async insert(id, doc, now) {
      const derived = derivedColumns(table, doc);
      const names = Object.keys(derived);
      const sql = `INSERT INTO ${table.table} (tenant_id, id, ${names.join(', ')}, doc_json, version, created_at, updated_at)
        VALUES (?, ?, ${names.map(() => '?').join(', ')}, ?, 1, ?, ?)`;
      try {
        statements.get(sql).run(tenant, id, ...sqliteValues(derived), JSON.stringify(doc), now, now);
      } catch (error) {
        const conflict = conflictOf(error);
        if (conflict) return conflict;
        throw error;
      }
      statements.get(ADJUST_COUNT).run(tenant, table.table, 1);
      syncEmails(id, doc);
      return { ok: true, value: { id, doc, version: 1, created: now, lastModified: now } };
    },

    async update(current, doc, now) {
      const derived = derivedColumns(table, doc);
      const sets = Object.keys(derived).map((name) => `${name} = ?`);
      const sql = `UPDATE ${table.table} SET ${sets.join(', ')}, doc_json = ?, version = version + 1, updated_at = ?
        WHERE tenant_id = ? AND id = ?`;
      try {
        statements.get(sql).run(...sqliteValues(derived), JSON.stringify(doc), now, tenant, current.id);
      } catch (error) {
        const conflict = conflictOf(error);
        if (conflict) return conflict;
        throw error;
      }
      syncEmails(current.id, doc);
      return { ok: true, value: { ...current, doc, version: current.version + 1, lastModified: now } };
    },

    async delete(id, now) {
      const { changes } = statements
        .get(`DELETE FROM ${table.table} WHERE tenant_id = ? AND id = ?`)
        .run(tenant, id);
      statements
        .get(
          `UPDATE groups SET version = version + 1, updated_at = ?
           WHERE tenant_id = ? AND id IN (SELECT group_id FROM group_members WHERE tenant_id = ? AND member_id = ?)`,
        )
        .run(now, tenant, tenant, id);
      statements.get('DELETE FROM group_members WHERE tenant_id = ? AND member_id = ?').run(tenant, id);
      if (changes > 0) statements.get(ADJUST_COUNT).run(tenant, table.table, -1);
      return changes > 0;
    },
  };
}
