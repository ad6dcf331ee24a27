import { AppError } from '../errors/app-error.ts';
import { type ListParams, parseListQuery, parsePaging } from '../scim/list/list-query.ts';
import type { Projection, RequestContext, ServiceDeps } from './deps.ts';
import { type ListResult, listResources } from './read-resource.ts';
import { GROUPS, type ResourceKind, tenantKind, USERS } from './resource-kind.ts';
import { parseProjection } from './view.ts';

/**
 * Root-level search: Users then Groups, paged as one list. A resource type the request cannot apply to
 * (its filter, sortBy or attributes name an attribute that type lacks) contributes nothing; if it
 * applies to none, it is a 400. Sorting orders each type's results, not the two together. Paging is by
 * index only: a cursor here is refused (invalidCursor), as one list over two tables has no single key.
 */
export async function searchAll(
  deps: ServiceDeps,
  ctx: RequestContext,
  params: ListParams & Projection,
): Promise<ListResult> {
  const limits = { defaultCount: deps.defaultCount, maxCount: deps.maxCount };
  const kinds: ResourceKind[] = [];
  let firstError: unknown;
  for (const base of [USERS, GROUPS]) {
    const { kind } = await tenantKind(deps, ctx.actor.tenant, base);
    try {
      parseListQuery(kind.rt, params, limits);
      parseProjection(kind, params);
      kinds.push(kind);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      firstError ??= error;
    }
  }
  if (kinds.length === 0) throw firstError;
  const { paging, count } = parsePaging(params, limits);
  const { offset } = paging;
  let skip = offset;
  let total = 0;
  const resources: Record<string, unknown>[] = [];
  for (const kind of kinds) {
    const remaining = count - resources.length;
    const page = await listResources(deps, ctx, kind, { ...params, startIndex: skip + 1, count: remaining });
    resources.push(...page.resources);
    total += page.totalResults;
    skip = Math.max(0, skip - page.totalResults);
  }
  return { totalResults: total, position: { startIndex: offset + 1 }, resources };
}
