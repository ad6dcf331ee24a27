import { ScimError } from '../scim/errors.ts';
import type { AuditEvent, StoredResource, TenantTx } from '../store/port.ts';
import type { RequestContext } from './deps.ts';
import type { ResourceKind } from './resource-kind.ts';

/** A read-only credential (a host application's key) may look, never change: 403, not 401. */
export function requireWriter(ctx: RequestContext): void {
  if (ctx.actor.scope !== 'write')
    throw ScimError.status(403, `the credential '${ctx.actor.name}' may read but not change resources`);
}

/** Records who made a change, in the change's own transaction. */
export function recordChange(
  tx: TenantTx,
  ctx: RequestContext,
  change: { action: AuditEvent['action']; kind: ResourceKind; resource: StoredResource; at: string },
): Promise<void> {
  const { actor } = ctx;
  return tx.audit.append({
    at: change.at,
    actor: { kind: actor.kind, id: actor.credentialId, name: actor.name },
    action: change.action,
    resourceType: change.kind.rt.name === 'Group' ? 'Group' : 'User',
    resourceId: change.resource.id,
    version: change.resource.version,
  });
}
