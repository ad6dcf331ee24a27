import { foldCase } from '../../scim/filter/compare.ts';
import type { Position, SortValue } from '../../scim/list/cursor.ts';
import type {
  ListQuery,
  Page,
  ResourceDoc,
  ResourceReads,
  ResourceWrites,
  StoredResource,
  Written,
} from '../port.ts';
import type { Dialect } from './dialect.ts';
import { Params } from './dialect.ts';
import type { Db } from './driver.ts';
import { listSql } from './list-sql.ts';
import type { TableSpec } from './table-spec.ts';

/** A resource row; the document is JSON text on SQLite, parsed jsonb on PostgreSQL. */
interface Row {
  id: string;
  doc_json: string | ResourceDoc;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A row of a cursor page, with where it stands; PostgreSQL returns the BIGINT seq as text. */
interface KeyedRow extends Row {
  seq: number | string;
  sort_key?: SortValue;
}

const COLUMNS = 'id, doc_json, version, created_at, updated_at';
const COUNT_ALL = 'SELECT total AS count FROM resource_counts WHERE tenant_id = $1 AND resource_type = $2';
const ADJUST_COUNT = `INSERT INTO resource_counts (tenant_id, resource_type, total) VALUES ($1, $2, $3)
  ON CONFLICT (tenant_id, resource_type) DO UPDATE SET total = resource_counts.total + excluded.total`;

function toResource(row: Row): StoredResource {
  const doc = typeof row.doc_json === 'string' ? (JSON.parse(row.doc_json) as ResourceDoc) : row.doc_json;
  return { id: row.id, doc, version: row.version, created: row.created_at, lastModified: row.updated_at };
}

/**
 * The columns beside the document: copies of attributes that need an index or a unique key. Keys are
 * folded here, in code, so SQLite and PostgreSQL hold byte-identical keys and agree on uniqueness.
 */
function derivedColumns(table: TableSpec, doc: ResourceDoc): Record<string, string | boolean | null> {
  const externalId = typeof doc.externalId === 'string' ? doc.externalId : null;
  if (table.table === 'users') {
    const userName = String(doc.userName);
    const displayName = typeof doc.displayName === 'string' ? doc.displayName : null;
    return {
      user_name: userName,
      user_name_key: foldCase(userName),
      external_id: externalId,
      display_name: displayName,
      active: doc.active !== false,
    };
  }
  const displayName = String(doc.displayName);
  return { display_name: displayName, display_name_key: foldCase(displayName), external_id: externalId };
}

/** The folded addresses of a user, each once, for the user_emails side table. */
function emailKeys(doc: ResourceDoc): string[] {
  const emails = Array.isArray(doc.emails) ? (doc.emails as { value?: unknown }[]) : [];
  return [...new Set(emails.flatMap((e) => (typeof e.value === 'string' ? [foldCase(e.value)] : [])))];
}

/**
 * The total a page implies without counting: an index page that is short and not empty ends the list,
 * and a first cursor page with no next page is the whole list. This spares the count query for most
 * look-ups (`userName eq` finds 0 or 1 rows).
 */
function pageTotal({ paging, count }: ListQuery, rows: number, more: boolean): number | undefined {
  if (paging.by === 'cursor') return paging.after === undefined && !more ? rows : undefined;
  if (rows > 0 && rows < count) return paging.offset + rows;
  if (rows === 0 && paging.offset === 0 && count > 0) return 0;
  return undefined;
}

function positionOf(row: KeyedRow, keyed: boolean): Position {
  const seq = Number(row.seq);
  return keyed ? { sorted: true, key: row.sort_key ?? null, seq } : { sorted: false, seq };
}

/**
 * Reads of one resource table, scoped to one tenant. Inside a transaction `get` takes the row lock:
 * READ COMMITTED alone would let two read-modify-write PATCHes lose one another's changes.
 */
export function resourceReads(db: Db, dialect: Dialect, table: TableSpec, tenant: string): ResourceReads {
  const getSql = `SELECT ${COLUMNS} FROM ${table.table} WHERE tenant_id = $1 AND id = $2${db.lock('UPDATE')}`;
  return {
    async get(id) {
      const row = await db.get<Row>(getSql, [tenant, id]);
      return row && toResource(row);
    },
    async list(query: ListQuery): Promise<Page<StoredResource>> {
      const params = new Params();
      const sql = listSql(query, { dialect, table, row: 't', tenant }, COLUMNS, params);
      const rows = await db.all<KeyedRow>(sql.page, params.values);
      const more = query.paging.by === 'cursor' && rows.length > query.count;
      const shown = more ? rows.slice(0, query.count) : rows;
      let total = pageTotal(query, shown.length, more);
      if (total === undefined) {
        const counted = query.filter
          ? await db.get<{ count: string }>(sql.count, params.values.slice(0, sql.countParams))
          : await db.get<{ count: string }>(COUNT_ALL, [tenant, table.table]);
        total = Number(counted?.count ?? 0);
      }
      const last = shown.at(-1);
      const next = more && last ? positionOf(last, sql.keyed) : undefined;
      return { total, items: shown.map(toResource), ...(next ? { next } : {}) };
    },
  };
}

/** Writes of one resource table, scoped to one tenant; called inside a transaction. */
export function resourceWrites(db: Db, dialect: Dialect, table: TableSpec, tenant: string): ResourceWrites {
  async function syncEmails(id: string, doc: ResourceDoc): Promise<void> {
    if (!table.emailIndex) return;
    await db.run('DELETE FROM user_emails WHERE tenant_id = $1 AND user_id = $2', [tenant, id]);
    const keys = emailKeys(doc);
    if (keys.length === 0) return;
    await db.run(
      `INSERT INTO user_emails (tenant_id, user_id, value_key) SELECT $1, $2, e.value FROM ${dialect.arrayRows('$3', 'e')}`,
      [tenant, id, keys],
    );
  }

  /** Runs a write; a unique violation is the answer "that key is taken", not a failure. */
  async function write(sql: string, values: unknown[]): Promise<Written | undefined> {
    try {
      await db.run(sql, values);
      return undefined;
    } catch (error) {
      if (dialect.uniqueViolation(error) === undefined) throw error;
      return { ok: false, conflict: 'userName' };
    }
  }

  return {
    async insert(id, doc, now) {
      const derived = derivedColumns(table, doc);
      const names = Object.keys(derived);
      const n = names.length + 3;
      const sql = `INSERT INTO ${table.table} (tenant_id, id, ${names.join(', ')}, doc_json, version, created_at, updated_at)
        VALUES ($1, $2, ${names.map((_, i) => `$${i + 3}`).join(', ')}, $${n}, 1, $${n + 1}, $${n + 1})`;
      const conflict = await write(sql, [tenant, id, ...Object.values(derived), JSON.stringify(doc), now]);
      if (conflict) return conflict;
      await syncEmails(id, doc);
      // Last, so the tenant's counter row stays locked for the shortest time.
      await db.run(ADJUST_COUNT, [tenant, table.table, 1]);
      return { ok: true, value: { id, doc, version: 1, created: now, lastModified: now } };
    },

    async update(current, doc, now) {
      const derived = derivedColumns(table, doc);
      const sets = Object.keys(derived).map((name, i) => `${name} = $${i + 3}`);
      const n = sets.length + 3;
      const sql = `UPDATE ${table.table} SET ${sets.join(', ')}, doc_json = $${n}, version = version + 1,
        updated_at = $${n + 1} WHERE tenant_id = $1 AND id = $2`;
      const values = [tenant, current.id, ...Object.values(derived), JSON.stringify(doc), now];
      const conflict = await write(sql, values);
      if (conflict) return conflict;
      await syncEmails(current.id, doc);
      return { ok: true, value: { ...current, doc, version: current.version + 1, lastModified: now } };
    },

    async delete(id, now) {
      const deleted =
        (await db.run(`DELETE FROM ${table.table} WHERE tenant_id = $1 AND id = $2`, [tenant, id])) > 0;
      await db.run(
        `UPDATE groups SET version = version + 1, updated_at = $1
         WHERE tenant_id = $2 AND id IN (SELECT group_id FROM group_members WHERE tenant_id = $2 AND member_id = $3)`,
        [now, tenant, id],
      );
      await db.run('DELETE FROM group_members WHERE tenant_id = $1 AND member_id = $2', [tenant, id]);
      if (deleted) await db.run(ADJUST_COUNT, [tenant, table.table, -1]);
      return deleted;
    },
  };
}
