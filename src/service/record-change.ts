import { type ChangeAction, changeEvent } from '../events/change-event.ts';
import type { StoredResource, TenantTx } from '../store/port.ts';
import type { RequestContext, ServiceDeps } from './deps.ts';
import type { ResourceKind } from './resource-kind.ts';

/** Appends the change's outbox event inside its transaction (DESIGN.md: nothing acknowledged is lost). */
export function recordChange(
  deps: ServiceDeps,
  ctx: RequestContext,
  tx: TenantTx,
  kind: ResourceKind,
  action: ChangeAction,
  resource: StoredResource,
): Promise<void> {
  return tx.events.append(
    changeEvent({
      eventId: deps.newId(),
      tenant: ctx.actor.tenant,
      resourceType: kind.rt.name,
      action,
      resource,
      occurredAt: deps.now().toISOString(),
    }),
  );
}
