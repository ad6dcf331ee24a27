import { parseAttributeList, projectResource, wantsAttribute } from '../scim/project/project.ts';
import type { AttrRef } from '../scim/schema/resource-type.ts';
import type { MemberReads, StoredResource } from '../store/port.ts';
import type { Projection } from './deps.ts';
import { etagOf, renderResource } from './render.ts';
import type { ResourceKind } from './resource-kind.ts';

export interface ParsedProjection {
  readonly attributes: AttrRef[];
  readonly excludedAttributes: AttrRef[];
}

/** A resource as the HTTP layer sends it: the projected body and its entity tag. */
export interface ResourceView {
  readonly body: Record<string, unknown>;
  readonly etag: string;
  readonly id: string;
}

export function parseProjection(kind: ResourceKind, projection: Projection): ParsedProjection {
  return {
    attributes: parseAttributeList(kind.rt, projection.attributes),
    excludedAttributes: parseAttributeList(kind.rt, projection.excludedAttributes),
  };
}

/**
 * Renders and projects one resource. Membership is read only when the projection returns it, so
 * `excludedAttributes=members` never loads a group's members.
 */
export async function viewOf(
  kind: ResourceKind,
  members: MemberReads,
  stored: StoredResource,
  projection: ParsedProjection,
  baseUrl: string,
): Promise<ResourceView> {
  const edges = wantsAttribute(kind.rt, projection, kind.edgeAttribute)
    ? await kind.edges(members, stored.id, baseUrl)
    : undefined;
  const body = projectResource(kind.rt, renderResource(kind, stored, edges, baseUrl), projection);
  return { body, etag: etagOf(stored), id: stored.id };
}
