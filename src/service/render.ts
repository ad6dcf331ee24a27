import type { ResourceDoc, StoredResource } from '../store/port.ts';
import type { ResourceKind } from './resource-kind.ts';

export function etagOf(resource: Pick<StoredResource, 'version'>): string {
  return `W/"${resource.version}"`;
}

/** The extension URNs a document carries data for, after the core schema (RFC 7643 §3). */
function schemasOf(kind: ResourceKind, doc: ResourceDoc): string[] {
  const extensions = kind.rt.extensions.map((e) => e.schema.id).filter((urn) => doc[urn] !== undefined);
  return [kind.rt.schema.id, ...extensions];
}

/** The full SCIM representation of a stored resource, before `attributes` projection. */
export function renderResource(
  kind: ResourceKind,
  stored: StoredResource,
  edges: Record<string, unknown>[] | undefined,
  baseUrl: string,
): Record<string, unknown> {
  return {
    schemas: schemasOf(kind, stored.doc),
    id: stored.id,
    ...stored.doc,
    ...(edges && edges.length > 0 ? { [kind.edgeAttribute]: edges } : {}),
    meta: {
      resourceType: kind.rt.name,
      created: stored.created,
      lastModified: stored.lastModified,
      location: `${baseUrl}${kind.rt.endpoint}/${stored.id}`,
      version: etagOf(stored),
    },
  };
}
