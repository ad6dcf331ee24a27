import { foldCase } from '../../scim/filter/compare.ts';
import type { ListQuery, ResourceDoc, StoredResource } from '../port.ts';
import type { TableSpec } from './table-spec.ts';

/** A resource row as selected by RESOURCE_COLUMNS; `Doc` is JSON text (SQLite) or parsed jsonb (PostgreSQL). */
export interface ResourceRow<Doc> {
  id: string;
  doc_json: Doc;
  version: number;
  created_at: string;
  updated_at: string;
}

export const RESOURCE_COLUMNS = 'id, doc_json, version, created_at, updated_at';

export function toResource(row: ResourceRow<ResourceDoc>): StoredResource {
  return {
    id: row.id,
    doc: row.doc_json,
    version: row.version,
    created: row.created_at,
    lastModified: row.updated_at,
  };
}

/**
 * The columns beside the document: copies of attributes that need an index or a unique key. Keys are
 * folded here, in code, so SQLite and PostgreSQL hold byte-identical keys and agree on uniqueness.
 */
export function derivedColumns(table: TableSpec, doc: ResourceDoc): Record<string, string | boolean | null> {
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
export function emailKeys(doc: ResourceDoc): string[] {
  const emails = Array.isArray(doc.emails) ? (doc.emails as { value?: unknown }[]) : [];
  return [...new Set(emails.flatMap((e) => (typeof e.value === 'string' ? [foldCase(e.value)] : [])))];
}

/** Which unique key a violated constraint or index protects; both schemas name them after the column. */
export function conflictingKey(name: string | undefined): 'userName' | 'externalId' {
  return name?.includes('external_id') ? 'externalId' : 'userName';
}

/**
 * The total a page implies without counting: a page that is short and not empty ends the list. This
 * spares the count query for most look-ups (`userName eq` finds 0 or 1 rows).
 */
export function pageTotal(query: ListQuery, rows: number): number | undefined {
  if (rows > 0 && rows < query.count) return query.offset + rows;
  if (rows === 0 && query.offset === 0 && query.count > 0) return 0;
  return undefined;
}
