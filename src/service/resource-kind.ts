import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../scim/schema/resource-type.ts';
import type { MemberReads, ResourceReads, TenantStore, TenantTx } from '../store/port.ts';

/** What differs between Users and Groups for the generic use cases; the engine itself is shared. */
export interface ResourceKind {
  readonly rt: ResourceTypeDef;
  readonly reads: (store: TenantStore) => ResourceReads;
  readonly repo: (tx: TenantTx) => TenantTx['users'];
  /** The multi-valued attribute kept in group_members rather than in the document. */
  readonly edgeAttribute: 'groups' | 'members';
  /** Reads that attribute's values for one resource. */
  readonly edges: (members: MemberReads, id: string, baseUrl: string) => Promise<Record<string, unknown>[]>;
}

export const USERS: ResourceKind = {
  rt: USER_RESOURCE,
  reads: (store) => store.users,
  repo: (tx) => tx.users,
  edgeAttribute: 'groups',
  edges: async (members, id, baseUrl) =>
    (await members.groupsOf(id)).map((g) => ({
      value: g.value,
      $ref: `${baseUrl}/Groups/${g.value}`,
      display: g.display,
      type: 'direct',
    })),
};

export const GROUPS: ResourceKind = {
  rt: GROUP_RESOURCE,
  reads: (store) => store.groups,
  repo: (tx) => tx.groups,
  edgeAttribute: 'members',
  edges: async (members, id, baseUrl) =>
    (await members.list(id)).map((m) => ({
      value: m.value,
      $ref: `${baseUrl}/${m.type}s/${m.value}`,
      type: m.type,
      ...(m.display === undefined ? {} : { display: m.display }),
    })),
};

export function kindOf(rt: ResourceTypeDef): ResourceKind {
  return rt.name === 'User' ? USERS : GROUPS;
}
