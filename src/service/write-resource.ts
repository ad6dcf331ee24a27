import type { Policy, WriteTarget } from '../scim/policy/index.ts';
import { checkImmutable } from '../scim/validate/check-immutable.ts';
import { type NormalizedResource, normalizeResource } from '../scim/validate/normalize-resource.ts';
import type { StoredResource } from '../store/port.ts';
import type { Projection, RequestContext, ServiceDeps } from './deps.ts';
import { resolveMembers } from './membership.ts';
import { requireCurrent, requireWriter } from './preconditions.ts';
import { recordChange } from './record-change.ts';
import { type ResourceKind, tenantKind } from './resource-kind.ts';
import { insertDoc, updateDoc } from './save.ts';
import { parseProjection, type ResourceView, viewOf } from './view.ts';

/**
 * A POST/PUT body normalised against the tenant's type, then judged by its policy. `password` is
 * dropped: no tenant stores passwords yet, so it is never stored, returned or logged (Okta sends one on
 * every create regardless).
 */
function readBody(kind: ResourceKind, policy: Policy, body: NormalizedResource, target: WriteTarget) {
  const { doc } = kind.writePolicy(policy, body, target);
  return kind.memberEdges ? kind.memberEdges.split(doc) : { doc, members: undefined };
}

/** POST: 201 with the created resource (RFC 7644 §3.3). */
export async function createResource(
  deps: ServiceDeps,
  ctx: RequestContext,
  baseKind: ResourceKind,
  body: unknown,
  projection: Projection,
): Promise<ResourceView> {
  requireWriter(ctx);
  const { kind, policy } = await tenantKind(deps, ctx.actor.tenant, baseKind);
  const parsed = parseProjection(kind, projection);
  const { doc, members } = readBody(kind, policy, normalizeResource(kind.rt, body), { mode: 'create' });
  const store = deps.store.forTenant(ctx.actor.tenant);
  const id = deps.newId();
  const now = deps.now().toISOString();
  const stored = await store.transaction(async (tx) => {
    const created = await insertDoc(kind, tx, id, kind.withDefaults(doc, undefined), now);
    if (members) await tx.members.add(id, await resolveMembers(tx, id, members));
    await recordChange(deps, ctx, tx, { action: 'create', kind, resource: created, at: now });
    return created;
  });
  return viewOf(kind, store.members, stored, parsed, ctx.baseUrl);
}

/** PUT: replaces every writable attribute; readOnly values in the body are ignored (RFC 7644 §3.5.1). */
export async function replaceResource(
  deps: ServiceDeps,
  ctx: RequestContext,
  baseKind: ResourceKind,
  request: { id: string; body: unknown; ifMatch: string | undefined; projection: Projection },
): Promise<ResourceView> {
  requireWriter(ctx);
  const { kind, policy } = await tenantKind(deps, ctx.actor.tenant, baseKind);
  const parsed = parseProjection(kind, request.projection);
  const body = normalizeResource(kind.rt, request.body);
  const store = deps.store.forTenant(ctx.actor.tenant);
  const stored = await store.transaction(async (tx): Promise<StoredResource> => {
    const label = `${kind.rt.name} ${request.id}`;
    const current = requireCurrent(await kind.repo(tx).get(request.id), request.ifMatch, label);
    // The policy judges what the body brings against what is stored.
    const { doc, members } = readBody(kind, policy, body, { mode: 'update', current: current.doc });
    checkImmutable(kind.rt, current.doc, doc);
    const now = deps.now().toISOString();
    const updated = await updateDoc(kind, tx, current, kind.withDefaults(doc, current.doc), now);
    if (kind.memberEdges) {
      const edges = members ? await resolveMembers(tx, current.id, members) : [];
      await tx.members.removeAll(current.id);
      await tx.members.add(current.id, edges);
    }
    await recordChange(deps, ctx, tx, { action: 'replace', kind, resource: updated, at: now });
    return updated;
  });
  return viewOf(kind, store.members, stored, parsed, ctx.baseUrl);
}

/** DELETE: 204; the resource and every membership edge naming it go in one transaction. */
export async function deleteResource(
  deps: ServiceDeps,
  ctx: RequestContext,
  kind: ResourceKind,
  request: { id: string; ifMatch: string | undefined },
): Promise<void> {
  requireWriter(ctx);
  await deps.store.forTenant(ctx.actor.tenant).transaction(async (tx) => {
    const label = `${kind.rt.name} ${request.id}`;
    const current = requireCurrent(await kind.repo(tx).get(request.id), request.ifMatch, label);
    const now = deps.now().toISOString();
    if (await kind.repo(tx).delete(request.id, now))
      await recordChange(deps, ctx, tx, { action: 'delete', kind, resource: current, at: now });
  });
}
