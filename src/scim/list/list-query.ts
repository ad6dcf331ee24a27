import { AppError } from '../../errors/app-error.ts';
import type { Filter } from '../filter/ast.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import { type AttrRef, type ResourceTypeDef, resolveAttrPath } from '../schema/resource-type.ts';
import type { CursorBinding, Position } from './cursor.ts';

/** RFC 7644 §3.4.2 query parameters as the client sent them (query string or SearchRequest body). */
export interface ListParams {
  readonly filter?: unknown;
  readonly sortBy?: unknown;
  readonly sortOrder?: unknown;
  readonly startIndex?: unknown;
  readonly count?: unknown;
  /** RFC 9865: present (empty for the first page) to page by cursor instead of by index. */
  readonly cursor?: unknown;
}

/** By index (RFC 7644 §3.4.2.4), or by cursor (RFC 9865): after a position, or from the start. */
export type Paging =
  | { readonly by: 'index' /** Zero-based: SCIM's startIndex - 1. */; readonly offset: number }
  | { readonly by: 'cursor'; readonly after: Position | undefined; readonly binding: CursorBinding };

/** A validated list request, ready for a store. */
export interface ListQuery {
  readonly filter: Filter | undefined;
  readonly sortBy: AttrRef | undefined;
  readonly descending: boolean;
  readonly paging: Paging;
  readonly count: number;
}

/** What a list request needs besides its parameters: the page limits, and how to open a cursor. */
export interface ListLimits {
  readonly defaultCount: number;
  readonly maxCount: number;
}

/** Opens a client's cursor for the query it is bound to (see cursor.ts), or throws its RFC 9865 error. */
export type CursorOpener = (cursor: string, binding: CursorBinding) => Position;

function integer(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new AppError('invalidValue', `${name} must be an integer`);
  return n;
}

function text(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new AppError('invalidValue', `${name} must be a string`);
  return value;
}

export function parseListQuery(
  rt: ResourceTypeDef,
  params: ListParams,
  limits: ListLimits,
  cursors?: { readonly tenant: string; readonly open: CursorOpener },
): ListQuery {
  const filterText = text('filter', params.filter);
  const sortBy = text('sortBy', params.sortBy);
  const sortOrder = text('sortOrder', params.sortOrder)?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new AppError('invalidValue', 'sortOrder must be "ascending" or "descending"');
  }
  const sortRef = sortBy === undefined ? undefined : resolveAttrPath(rt, sortBy);
  if (sortBy !== undefined && !sortRef)
    throw new AppError('invalidValue', `cannot sort by unknown attribute '${sortBy}'`);
  const descending = sortOrder === 'descending';
  const filter = filterText === undefined ? undefined : parseFilter(rt, filterText);
  const cursor = text('cursor', params.cursor);
  if (cursor === undefined) return { filter, sortBy: sortRef, descending, ...parsePaging(params, limits) };
  if (params.startIndex !== undefined) {
    throw new AppError('invalidValue', 'cursor and startIndex cannot be used together (RFC 9865)');
  }
  if (!cursors) throw new AppError('invalidCursor', 'cursor paging is offered on /Users and /Groups only');
  const binding = { tenant: cursors.tenant, resourceType: rt.name, filter: filterText, sortBy, descending };
  const after = cursor === '' ? undefined : cursors.open(cursor, binding);
  const paging = { by: 'cursor', after, binding } as const;
  return { filter, sortBy: sortRef, descending, paging, count: cursorCount(params, limits) };
}

/** RFC 7644 §3.4.2.4: startIndex below 1 means 1; a negative count means 0; larger counts are clamped. */
export function parsePaging(params: ListParams, limits: ListLimits) {
  const startIndex = Math.max(1, integer('startIndex', params.startIndex) ?? 1);
  const count = Math.min(limits.maxCount, Math.max(0, integer('count', params.count) ?? limits.defaultCount));
  return { paging: { by: 'index', offset: startIndex - 1 } as const, count };
}

/** RFC 9865 §3: a cursor page's count is a non-negative integer (invalidCount otherwise), clamped to maxPageSize. */
function cursorCount(params: ListParams, limits: ListLimits): number {
  if (params.count === undefined || params.count === '') return limits.defaultCount;
  const n = typeof params.count === 'number' ? params.count : Number(params.count);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new AppError('invalidCount', 'count must be a non-negative integer');
  return Math.min(limits.maxCount, n);
}
