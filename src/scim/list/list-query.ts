import { AppError } from '../../errors/app-error.ts';
import type { Filter } from '../filter/ast.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import { type AttrRef, type ResourceTypeDef, resolveAttrPath } from '../schema/resource-type.ts';

/** RFC 7644 §3.4.2 query parameters as the client sent them (query string or SearchRequest body). */
export interface ListParams {
  readonly filter?: unknown;
  readonly sortBy?: unknown;
  readonly sortOrder?: unknown;
  readonly startIndex?: unknown;
  readonly count?: unknown;
}

/** A validated list request, ready for a store. */
export interface ListQuery {
  readonly filter: Filter | undefined;
  readonly sortBy: AttrRef | undefined;
  readonly descending: boolean;
  /** Zero-based offset (SCIM's startIndex - 1). */
  readonly offset: number;
  readonly count: number;
}

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
  limits: { defaultCount: number; maxCount: number },
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
  return {
    filter: filterText === undefined ? undefined : parseFilter(rt, filterText),
    sortBy: sortRef,
    descending: sortOrder === 'descending',
    ...parsePaging(params, limits),
  };
}

/** RFC 7644 §3.4.2.4: startIndex below 1 means 1; a negative count means 0; larger counts are clamped. */
export function parsePaging(params: ListParams, limits: { defaultCount: number; maxCount: number }) {
  const startIndex = Math.max(1, integer('startIndex', params.startIndex) ?? 1);
  const count = Math.min(limits.maxCount, Math.max(0, integer('count', params.count) ?? limits.defaultCount));
  return { offset: startIndex - 1, count };
}
