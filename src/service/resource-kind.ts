import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../scim/schema/resource-type.ts';
import type { MemberReads, ResourceReads, TenantStore, TenantTx } from '../store/port.ts';

/** What differs between Users and Groups for the generic use cases; the engine itself is shared. */
export interface ResourceKind {
  readonly rt: ResourceTypeDef;
  readonly reads: (store: TenantStore) => ResourceReads;
  readonly repo: (tx: TenantTx) => TenantTx['users'];
  /** The multi-valued attribute kept in group_members rather than in the document. */
  readonly edgeAttribute: 'groups' | 'members';
  /** Reads that attribute's values for a page of resources, by resource id. */
  readonly edges: (
    members: MemberReads,
    ids: readonly string[],
    baseUrl: string,
  ) => Promise<Map<string, Record<string, unknown>[]>>;
}

export const USERS: ResourceKind = {
  rt: USER_RESOURCE,
  reads: (store) => store.users,
  repo: (tx) => tx.users,
  edgeAttribute: 'groups',
  edges: async (members, ids, baseUrl) => {
    const groups = await members.groupsOf(ids);
    const refs = (id: string) =>
      (groups.get(id) ?? []).map((g) => ({
        value: g.value,
        $ref: `${baseUrl}/Groups/${g.value}`,
        display: g.display,
        type: 'direct',
      }));
    return new Map(ids.map((id) => [id, refs(id)]));
  },
};

export const GROUPS: ResourceKind = {
  rt: GROUP_RESOURCE,
  reads: (store) => store.groups,
  repo: (tx) => tx.groups,
  edgeAttribute: 'members',
  // Each group's members are its own query: a page of groups is bounded by the members it holds.
  edges: async (members, ids, baseUrl) => {
    const entries = ids.map(
      async (id): Promise<[string, Record<string, unknown>[]]> => [
        id,
        (await members.list(id)).map((m) => ({
          value: m.value,
          $ref: `${baseUrl}/${m.type}s/${m.value}`,
          type: m.type,
          ...(m.display === undefined ? {} : { display: m.display }),
        })),
      ],
    );
    return new Map(await Promise.all(entries));
  },
};
