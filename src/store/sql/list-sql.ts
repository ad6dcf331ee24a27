import type { Position } from '../../scim/list/cursor.ts';
import type { AttrRef } from '../../scim/schema/resource-type.ts';
import { docPath, leafDef } from '../../scim/schema/resource-type.ts';
import type { ListQuery } from '../port.ts';
import { compileFilter, isMeta } from './compile-filter.ts';
import type { Params, SqlDialect } from './dialect.ts';
import { attrKey, type TableSpec, versionTag } from './table-spec.ts';

interface Target {
  readonly dialect: SqlDialect;
  readonly table: TableSpec;
  readonly row: string;
  readonly tenant: string;
}

/**
 * The count and page queries of a list; the count binds the first `countParams` of the page's parameters.
 * A cursor page selects its rows' `seq` and `sort_key` too (`keyed`), to say where the next page starts,
 * and one row more than it shows, whose presence says that there is a next page.
 */
export function listSql(query: ListQuery, target: Target, columns: string, params: Params) {
  const { table, row } = target;
  let where = `${row}.tenant_id = ${params.add(target.tenant)}`;
  if (query.filter) where += ` AND ${compileFilter(query.filter, target, params)}`;
  const count = `SELECT count(*) AS count FROM ${table.table} ${row} WHERE ${where}`;
  const countParams = params.values.length;
  const direction = query.descending ? 'DESC' : 'ASC';
  // Insertion order breaks ties, so pages neither skip nor repeat rows (RFC 7644 §3.4.2.4).
  const key = query.sortBy && sortKey(query.sortBy, target);
  const order = key ? `${key} ${direction}, ${row}.seq` : `${row}.seq`;
  const { paging } = query;
  let select = columns;
  let limit: string;
  if (paging.by === 'index') {
    limit = `LIMIT ${params.add(query.count)} OFFSET ${params.add(paging.offset)}`;
  } else {
    if (paging.after) where += ` AND ${after(paging.after, key, query.descending, target, params)}`;
    select += `, ${row}.seq AS seq${key ? `, ${key} AS sort_key` : ''}`;
    limit = `LIMIT ${params.add(query.count + 1)}`;
  }
  const page = `SELECT ${select} FROM ${table.table} ${row} WHERE ${where} ORDER BY ${order} ${limit}`;
  return { count, countParams, page, keyed: paging.by === 'cursor' && key !== undefined };
}

/**
 * The rows after `position` in the list's order (sort key, then seq): a keyset condition, so a page deep
 * in the list costs what the first one costs, and rows inserted or deleted meanwhile move no other row.
 */
function after(
  position: Position,
  key: string | undefined,
  descending: boolean,
  target: Target,
  params: Params,
) {
  const seq = `${target.row}.seq > ${params.add(position.seq)}`;
  if (!position.sorted || !key) return seq;
  // Where rows without a key stand in this walk: SQLite sorts NULL first when ascending, PostgreSQL last.
  const nullsFirst = target.dialect.nullsFirst !== descending;
  if (position.key === null) {
    return nullsFirst ? `((${key} IS NULL AND ${seq}) OR ${key} IS NOT NULL)` : `(${key} IS NULL AND ${seq})`;
  }
  const value = params.add(position.key);
  const beyond = `${key} ${descending ? '<' : '>'} ${value} OR (${key} = ${value} AND ${seq})`;
  return nullsFirst ? `(${beyond})` : `(${beyond} OR ${key} IS NULL)`;
}

/**
 * RFC 7644 §3.4.2.3: strings sort by their case rules; a multi-valued attribute by its smallest value.
 * Undefined when every row has the same key (insertion order alone then).
 */
function sortKey(ref: AttrRef, { dialect, table, row }: Target): string | undefined {
  const column = table.columns.get(attrKey(ref));
  if (column) return `${row}.${column.column}`;
  if (isMeta(ref)) return metaSortKey(ref, dialect, row);
  const def = leafDef(ref);
  const fold = (expr: string) => (def.type === 'string' && !def.caseExact ? dialect.fold(expr) : expr);
  if (!ref.attr.multiValued) return fold(dialect.jsonScalar(`${row}.doc_json`, docPath(ref)));
  const whole = docPath({ schema: ref.schema, extension: ref.extension, attr: ref.attr });
  const sub = ref.sub ?? ref.attr.subAttributes?.find((s) => s.name === 'value');
  const element = sub ? dialect.jsonScalar(dialect.elementJson('s'), [sub.name]) : dialect.elementScalar('s');
  return `(SELECT min(${fold(element)}) FROM ${dialect.jsonElements(`${row}.doc_json`, whole, 's')})`;
}

/** `meta` is not in the document (see compile-filter's metaLeaf); `created` and `lastModified` are columns. */
function metaSortKey(ref: AttrRef, dialect: SqlDialect, row: string): string | undefined {
  switch (ref.sub?.name) {
    case 'version':
      return dialect.bytewise(versionTag(row));
    // The endpoint's URL followed by the id: within one list, the id's order (ids sort byte-wise).
    case 'location':
      return `${row}.id`;
    default:
      return undefined;
  }
}
