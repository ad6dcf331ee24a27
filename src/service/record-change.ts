import type { ChangeAction } from '../events/change-event.ts';
import { changeEvent } from '../events/change-event.ts';
import type { ResourceAction, StoredResource, TenantTx } from '../store/port.ts';
import type { RequestContext, ServiceDeps } from './deps.ts';
import type { ResourceKind } from './resource-kind.ts';

const EVENT_ACTION: Record<ResourceAction, ChangeAction> = {
  create: 'created',
  replace: 'updated',
  patch: 'updated',
  delete: 'deleted',
};

/**
 * Records a change inside its own transaction (DESIGN.md: nothing acknowledged is lost): the outbox
 * event the host app is sent, and the audit entry saying who made it. The audit entry goes last: on
 * PostgreSQL it takes the tenant's audit counter lock, held until the commit.
 */
export async function recordChange(
  deps: ServiceDeps,
  ctx: RequestContext,
  tx: TenantTx,
  change: { action: ResourceAction; kind: ResourceKind; resource: StoredResource; at: string },
): Promise<void> {
  const { actor } = ctx;
  const resourceType = change.kind.rt.name;
  await tx.events.append(
    changeEvent({
      eventId: deps.newId(),
      tenant: actor.tenant,
      resourceType,
      action: EVENT_ACTION[change.action],
      resource: change.resource,
      occurredAt: change.at,
    }),
  );
  await tx.audit.append({
    at: change.at,
    actor: { kind: actor.kind, id: actor.credentialId, name: actor.name },
    action: change.action,
    resourceType,
    resourceId: change.resource.id,
    version: change.resource.version,
  });
}
