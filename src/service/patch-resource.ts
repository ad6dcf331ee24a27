import { isDeepStrictEqual } from 'node:util';
import { applyPatch } from '../scim/patch/apply-patch.ts';
import { type PatchOp, parsePatchRequest } from '../scim/patch/parse-patch-request.ts';
import type { Policy } from '../scim/policy/index.ts';
import type { StoredResource } from '../store/port.ts';
import type { Projection, RequestContext, ServiceDeps } from './deps.ts';
import { applyMemberOp } from './member-ops.ts';
import { requireCurrent, requireWriter } from './preconditions.ts';
import { recordChange } from './record-change.ts';
import { etagOf } from './render.ts';
import { type ResourceKind, tenantKind } from './resource-kind.ts';
import { updateDoc } from './save.ts';
import { parseProjection, type ResourceView, viewOf } from './view.ts';

/**
 * PATCH (RFC 7644 §3.5.2), atomic: every operation applies or none does. Group member operations go
 * straight to group_members, so their cost does not depend on the group's size; without `respond`
 * (204 No Content) the members are not read back either. A PATCH that changes neither the document nor a membership edge (Okta re-sends the group rename with every
 * membership update) writes nothing and keeps the version.
 */
export async function patchResource(
  deps: ServiceDeps,
  ctx: RequestContext,
  baseKind: ResourceKind,
  request: {
    id: string;
    body: unknown;
    ifMatch: string | undefined;
    projection: Projection;
    respond: boolean;
  },
): Promise<ResourceView | { etag: string }> {
  requireWriter(ctx);
  const { kind, policy } = await tenantKind(deps, ctx.actor.tenant, baseKind);
  const parsed = parseProjection(kind, request.projection);
  const ops = parsePatchRequest(kind.rt, request.body);
  const { docOps, memberOps } = kind.memberEdges?.partition(ops) ?? { docOps: ops, memberOps: [] };
  const store = deps.store.forTenant(ctx.actor.tenant);
  const stored = await store.transaction(async (tx) => {
    const current = requireCurrent(
      await kind.repo(tx).get(request.id),
      request.ifMatch,
      `${kind.rt.name} ${request.id}`,
    );
    const result = docOps.length > 0 ? patchDoc(kind, policy, current, docOps) : unchanged(current);
    let edgesChanged = 0;
    for (const op of memberOps) edgesChanged += await applyMemberOp(tx, current.id, op);
    if (!result.changed && edgesChanged === 0) return current;
    const now = deps.now().toISOString();
    const updated = await updateDoc(kind, tx, current, result.doc, now);
    await recordChange(deps, ctx, tx, { action: 'patch', kind, resource: updated, at: now });
    return updated;
  });
  return request.respond
    ? viewOf(kind, store.members, stored, parsed, ctx.baseUrl)
    : { etag: etagOf(stored) };
}

const unchanged = (current: StoredResource) => ({ doc: current.doc, changed: false });

/** The operations applied to the document, then the tenant's policy; `changed` after both. */
function patchDoc(kind: ResourceKind, policy: Policy, current: StoredResource, ops: readonly PatchOp[]) {
  const patched = applyPatch(kind.rt, current, ops);
  const { doc } = kind.writePolicy(policy, patched, { mode: 'update', current: current.doc });
  return { doc, changed: !isDeepStrictEqual(doc, current.doc) };
}
