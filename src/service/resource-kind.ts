import type { PatchOp } from '../scim/patch/parse-patch-request.ts';
import { applyWritePolicy, type Policy, type WriteTarget } from '../scim/policy/index.ts';
import { GROUP_RESOURCE, type ResourceTypeDef, USER_RESOURCE } from '../scim/schema/resource-type.ts';
import type { NormalizedResource } from '../scim/validate/normalize-resource.ts';
import type {
  MemberReads,
  ResourceDoc,
  ResourceReads,
  TenantId,
  TenantStore,
  TenantTx,
} from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { type MemberOp, partitionOps } from './member-ops.ts';
import { type MemberInput, splitMembers } from './membership.ts';
import { policyOf } from './policy-cache.ts';

/** How a kind whose resources hold members keeps them: as group_members edges, never in the document. */
export interface MemberEdges {
  /** Takes `members` out of a POST/PUT body. */
  readonly split: (doc: ResourceDoc) => { doc: ResourceDoc; members: MemberInput[] | undefined };
  /** Separates the PATCH operations on members (applied edge by edge) from those on the document. */
  readonly partition: (ops: readonly PatchOp[]) => { docOps: PatchOp[]; memberOps: MemberOp[] };
}

/** What differs between Users and Groups for the generic use cases; the engine itself is shared. */
export interface ResourceKind {
  readonly rt: ResourceTypeDef;
  /** The resource type as a tenant's policy makes it: the RFC's plus the tenant's own extensions. */
  readonly tenantType: (policy: Policy) => ResourceTypeDef;
  /**
   * The policy's rules for a write already normalised (POST, PUT) or patched against the tenant's
   * type: what to store, or an AppError.
   */
  readonly writePolicy: (
    policy: Policy,
    write: NormalizedResource,
    target: WriteTarget,
  ) => NormalizedResource;
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
  /** Set for a kind whose resources have members of their own. */
  readonly memberEdges: MemberEdges | undefined;
  /**
   * A POST or PUT body with the server's defaults filled in, given the document it replaces (if any).
   * A PATCH changes only what it names, so it gets none.
   */
  readonly withDefaults: (doc: ResourceDoc, current: ResourceDoc | undefined) => ResourceDoc;
  /**
   * Whether a PATCH answers 200 with the resource when the client asks for no attributes; otherwise
   * 204. A group answers 204: echoing 100,000 members would make every membership change cost the
   * group's size (RFC 7644 §3.5.2 allows either).
   */
  readonly patchAnswersWithResource: boolean;
}

export const USERS: ResourceKind = {
  rt: USER_RESOURCE,
  tenantType: (policy) => policy.resourceTypes.User,
  writePolicy: applyWritePolicy,
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
  memberEdges: undefined,
  // A user always has `active`: true when created without one, and unchanged by a write that leaves it
  // out (a PUT without `active` must not reactivate a deactivated user).
  withDefaults: (doc, current) =>
    doc.active !== undefined ? doc : { ...doc, active: current?.active ?? true },
  patchAnswersWithResource: true,
};

export const GROUPS: ResourceKind = {
  rt: GROUP_RESOURCE,
  tenantType: (policy) => policy.resourceTypes.Group,
  // A group's display-name rule needs the store; it is not part of this write policy.
  writePolicy: (_policy, write) => write,
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
  memberEdges: { split: splitMembers, partition: partitionOps },
  withDefaults: (doc) => doc,
  patchAnswersWithResource: false,
};

/**
 * The kind as the tenant sees it, with the policy it was read under: every use case starts here, so
 * validation, PATCH paths, filters, sorting, projection and rendering all read the tenant's attributes.
 */
export async function tenantKind(
  deps: Pick<ServiceDeps, 'store'>,
  tenant: TenantId,
  kind: ResourceKind,
): Promise<{ kind: ResourceKind; policy: Policy }> {
  const policy = await policyOf(deps.store, tenant);
  const rt = kind.tenantType(policy);
  return { kind: rt === kind.rt ? kind : { ...kind, rt }, policy };
}
