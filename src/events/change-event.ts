import type { OutboxEvent, StoredResource, TenantId } from '../store/port.ts';

export type ChangeAction = 'created' | 'updated' | 'deleted';

export interface Change {
  readonly eventId: string;
  readonly tenant: TenantId;
  readonly resourceType: 'User' | 'Group';
  readonly action: ChangeAction;
  /** The resource as stored after the change; for a delete, as it was before it. */
  readonly resource: StoredResource;
  readonly occurredAt: string;
}

/**
 * The event a host app receives for a change: `user.created`, `group.updated`, … with the resource id
 * and version (consumers drop an event older than what they hold: delivery order is not guaranteed)
 * and, unless deleted, the resource document. A group's document never holds its members, so a group
 * event stays small however large the group; a membership change is a `group.updated` with the new
 * version, and the member list is read through SCIM.
 */
export function changeEvent(change: Change): OutboxEvent {
  const { resource } = change;
  const deleted = change.action === 'deleted';
  // A delete is the resource's last change, so it carries the version after the last one it had.
  const version = deleted ? resource.version + 1 : resource.version;
  const type = `${change.resourceType.toLowerCase()}.${change.action}`;
  const data = {
    resourceType: change.resourceType,
    id: resource.id,
    version,
    ...(deleted
      ? {}
      : {
          resource: {
            ...resource.doc,
            id: resource.id,
            meta: { created: resource.created, lastModified: resource.lastModified, version },
          },
        }),
  };
  const payload = { id: change.eventId, type, timestamp: change.occurredAt, tenant: change.tenant, data };
  return {
    id: change.eventId,
    type,
    resourceType: change.resourceType,
    resourceId: resource.id,
    version,
    occurredAt: change.occurredAt,
    payload: JSON.stringify(payload),
  };
}
