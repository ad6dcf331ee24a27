import {
  type Projection as ParsedProjection,
  parseAttributeList,
  projectResource,
  wantsAttribute,
} from '../scim/project/project.ts';
import type { MemberReads, StoredResource } from '../store/port.ts';
import type { Projection } from './deps.ts';
import { etagOf, renderResource } from './render.ts';
import type { ResourceKind } from './resource-kind.ts';

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
 * Renders and projects a page of resources. Membership is read only when the projection returns it
 * (so `excludedAttributes=members` never loads a group's members), and for the whole page at once.
 */
export async function viewsOf(
  kind: ResourceKind,
  members: MemberReads,
  stored: readonly StoredResource[],
  projection: ParsedProjection,
  baseUrl: string,
): Promise<ResourceView[]> {
  const wanted = stored.length > 0 && wantsAttribute(kind.rt, projection, kind.edgeAttribute);
  const edges = wanted
    ? await kind.edges(
        members,
        stored.map((s) => s.id),
        baseUrl,
      )
    : undefined;
  return stored.map((resource) => ({
    body: projectResource(
      kind.rt,
      renderResource(kind, resource, edges?.get(resource.id), baseUrl),
      projection,
    ),
    etag: etagOf(resource),
    id: resource.id,
  }));
}

export async function viewOf(
  kind: ResourceKind,
  members: MemberReads,
  stored: StoredResource,
  projection: ParsedProjection,
  baseUrl: string,
): Promise<ResourceView> {
  const [view] = await viewsOf(kind, members, [stored], projection, baseUrl);
  return view as ResourceView;
}
