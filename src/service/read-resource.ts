import { AppError } from '../errors/app-error.ts';
import { cursorCodec } from '../scim/list/cursor.ts';
import { type ListParams, parseListQuery } from '../scim/list/list-query.ts';
import type { PagePosition } from '../scim/list/list-response.ts';
import type { Projection, RequestContext, ServiceDeps } from './deps.ts';
import { type ResourceKind, tenantKind } from './resource-kind.ts';
import { parseProjection, type ResourceView, viewOf, viewsOf } from './view.ts';

export async function getResource(
  deps: ServiceDeps,
  ctx: RequestContext,
  baseKind: ResourceKind,
  id: string,
  projection: Projection,
): Promise<ResourceView> {
  const { kind } = await tenantKind(deps, ctx.actor.tenant, baseKind);
  const parsed = parseProjection(kind, projection);
  const store = deps.store.forTenant(ctx.actor.tenant);
  const stored = await kind.reads(store).get(id);
  if (!stored) throw new AppError('notFound', `${kind.rt.name} ${id} not found`);
  return viewOf(kind, store.members, stored, parsed, ctx.baseUrl);
}

export interface ListResult {
  readonly totalResults: number;
  readonly position: PagePosition;
  readonly resources: Record<string, unknown>[];
}

/** GET on a resource endpoint and its POST /.search (RFC 7644 §3.4.2, §3.4.3). */
export async function listResources(
  deps: ServiceDeps,
  ctx: RequestContext,
  baseKind: ResourceKind,
  params: ListParams & Projection,
): Promise<ListResult> {
  const { kind } = await tenantKind(deps, ctx.actor.tenant, baseKind);
  const limits = { defaultCount: deps.defaultCount, maxCount: deps.maxCount };
  const tenant = ctx.actor.tenant;
  // Only a cursor request needs the server's cursor key (RFC 9865): one read, then cached by the store.
  const codec =
    params.cursor === undefined ? undefined : cursorCodec(await deps.store.cursorKey(), deps.now());
  const query = parseListQuery(kind.rt, params, limits, codec && { tenant, open: codec.open });
  const parsed = parseProjection(kind, params);
  const store = deps.store.forTenant(tenant);
  const page = await kind.reads(store).list(query);
  const views = await viewsOf(kind, store.members, page.items, parsed, ctx.baseUrl);
  const { paging } = query;
  const position =
    paging.by === 'index'
      ? { startIndex: paging.offset + 1 }
      : { nextCursor: page.next && codec?.seal(page.next, paging.binding) };
  return { totalResults: page.total, position, resources: views.map((v) => v.body) };
}
