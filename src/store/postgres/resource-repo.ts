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
import { postgresDialect } from './postgres-dialect.ts';
import { prepared, type Queryable } from './queryable.ts';

type Row = ResourceRow<ResourceDoc>;

const COLUMNS = RESOURCE_COLUMNS;
const COUNT_ALL = 'SELECT total AS count FROM resource_counts WHERE tenant_id = $1 AND resource_type = $2';
const ADJUST_COUNT = `INSERT INTO resource_counts (tenant_id, resource_type, total) VALUES ($1, $2, $3)
  ON CONFLICT (tenant_id, resource_type) DO UPDATE SET total = resource_counts.total + excluded.total`;

/** A unique violation (23505) is the answer "that key is taken", not a failure. */
function conflictOf(error: unknown): Written | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' ? { ok: false, conflict: conflictingKey(constraint) } : undefined;
}

/**
 * Reads of one resource table, scoped to one tenant. Inside a transaction (`lock`), `get` takes the
 * row lock: READ COMMITTED alone would let two read-modify-write PATCHes lose one another's changes.
 */
export function resourceReads(db: Queryable, table: TableSpec, tenant: string, lock = false): ResourceReads {
  const getSql = `SELECT ${COLUMNS} FROM ${table.table} WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`;
  return {
    async get(id) {
      const { rows } = await db.query<Row>(prepared(getSql, [tenant, id]));
      return rows[0] && toResource(rows[0]);
    },
    async list(query: ListQuery): Promise<Page<StoredResource>> {
      const params = new Params((i) => `$${i}`);
      const sql = listSql(query, { dialect: postgresDialect, table, row: 't', tenant }, COLUMNS, params);
      const { rows } = await db.query<Row>(prepared(sql.page, params.values));
      let total = pageTotal(query, rows.length);
      if (total === undefined) {
        const counted = query.filter
          ? await db.query<{ count: string }>(prepared(sql.count, params.values.slice(0, -2)))
          : await db.query<{ count: string }>(prepared(COUNT_ALL, [tenant, table.table]));
        total = Number(counted.rows[0]?.count ?? 0);
      }
      return { total, items: rows.map(toResource) };
    },
  };
}

/** Writes of one resource table, scoped to one tenant; called inside a transaction. */
export function resourceWrites(db: Queryable, table: TableSpec, tenant: string): ResourceWrites {
  async function syncEmails(id: string, doc: ResourceDoc): Promise<void> {
    if (!table.emailIndex) return;
    await db.query(prepared('DELETE FROM user_emails WHERE tenant_id = $1 AND user_id = $2', [tenant, id]));
    const keys = emailKeys(doc);
    if (keys.length === 0) return;
    await db.query(
      prepared('INSERT INTO user_emails (tenant_id, user_id, value_key) SELECT $1, $2, unnest($3::text[])', [
        tenant,
        id,
        keys,
      ]),
    );
  }

  async function write(sql: string, values: unknown[]): Promise<Written | undefined> {
    try {
      await db.query(prepared(sql, values));
      return undefined;
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict) return conflict;
      throw error;
    }
  }

  return {
    async insert(id, doc, now) {
      const derived = derivedColumns(table, doc);
      const names = Object.keys(derived);
      const placeholders = names.map((_, i) => `$${i + 3}`);
      const n = names.length + 3;
      const sql = `INSERT INTO ${table.table} (tenant_id, id, ${names.join(', ')}, doc_json, version, created_at, updated_at)
        VALUES ($1, $2, ${placeholders.join(', ')}, $${n}::jsonb, 1, $${n + 1}, $${n + 1})`;
      const conflict = await write(sql, [tenant, id, ...Object.values(derived), JSON.stringify(doc), now]);
      if (conflict) return conflict;
      await syncEmails(id, doc);
      // Last, so the tenant's counter row stays locked for the shortest time.
      await db.query(prepared(ADJUST_COUNT, [tenant, table.table, 1]));
      return { ok: true, value: { id, doc, version: 1, created: now, lastModified: now } };
    },

    async update(current, doc, now) {
      const derived = derivedColumns(table, doc);
      const sets = Object.keys(derived).map((name, i) => `${name} = $${i + 3}`);
      const n = sets.length + 3;
      const sql = `UPDATE ${table.table} SET ${sets.join(', ')}, doc_json = $${n}::jsonb, version = version + 1,
        updated_at = $${n + 1} WHERE tenant_id = $1 AND id = $2`;
      const values = [tenant, current.id, ...Object.values(derived), JSON.stringify(doc), now];
      const conflict = await write(sql, values);
      if (conflict) return conflict;
      await syncEmails(current.id, doc);
      return { ok: true, value: { ...current, doc, version: current.version + 1, lastModified: now } };
    },

    async delete(id, now) {
      const { rowCount } = await db.query(
        prepared(`DELETE FROM ${table.table} WHERE tenant_id = $1 AND id = $2`, [tenant, id]),
      );
      await db.query(
        prepared(
          `UPDATE groups SET version = version + 1, updated_at = $1
           WHERE tenant_id = $2 AND id IN (SELECT group_id FROM group_members WHERE tenant_id = $2 AND member_id = $3)`,
          [now, tenant, id],
        ),
      );
      await db.query(
        prepared('DELETE FROM group_members WHERE tenant_id = $1 AND member_id = $2', [tenant, id]),
      );
      const deleted = (rowCount ?? 0) > 0;
      if (deleted) await db.query(prepared(ADJUST_COUNT, [tenant, table.table, -1]));
      return deleted;
    },
  };
}
