import { AppError } from '../errors/app-error.ts';
import type { Filter } from '../scim/filter/ast.ts';
import type { PatchOp } from '../scim/patch/parse-patch-request.ts';
import type { PatchPath } from '../scim/path/patch-path.ts';
import { GROUP_RESOURCE, resolveAttrPath } from '../scim/schema/resource-type.ts';
import type { TenantTx } from '../store/port.ts';
import { memberInput, resolveMembers } from './membership.ts';

/** A PATCH operation on a group's `members`, applied to group_members edge by edge. */
export interface MemberOp {
  readonly op: PatchOp['op'];
  /** Set for `members[value eq "…"]`: the filter naming the members. */
  readonly where?: Filter;
  readonly value: unknown;
}

/**
 * Whether a key of a path-less value names `members`, in any spelling the engine would accept
 * (`members`, `MEMBERS`, the URN-qualified name); a sub-attribute (`members.value`) is refused, since
 * members only change as whole elements, and never in the stored document.
 */
function namesMembers(key: string): boolean {
  const ref = resolveAttrPath(GROUP_RESOURCE, key);
  if (ref?.attr.name !== 'members') return false;
  if (ref.sub) throw new AppError('invalidPath', 'members can only be changed as a whole');
  return true;
}

function membersPath(path: PatchPath): boolean {
  return (
    path.kind !== 'extension' &&
    path.ref.attr.name === 'members' &&
    path.ref.schema === GROUP_RESOURCE.schema.id
  );
}

function toMemberOp(op: PatchOp, path: PatchPath): MemberOp {
  if (path.kind === 'attr' && path.ref.sub)
    throw new AppError('invalidPath', 'members can only be changed as a whole');
  if (path.kind === 'valuePath') {
    if (op.op !== 'remove' || path.sub)
      throw new AppError('invalidPath', 'a filtered members path is only supported by "remove"');
    return { op: op.op, where: path.where, value: undefined };
  }
  return { op: op.op, value: op.value };
}

/**
 * Splits a group PATCH into member operations and the rest. Path-less values carrying `members`
 * (Okta's full push) are split too, so the document engine never sees the member list.
 */
export function partitionOps(ops: readonly PatchOp[]): { docOps: PatchOp[]; memberOps: MemberOp[] } {
  const docOps: PatchOp[] = [];
  const memberOps: MemberOp[] = [];
  for (const op of ops) {
    if (op.path) {
      if (membersPath(op.path)) memberOps.push(toMemberOp(op, op.path));
      else docOps.push(op);
      continue;
    }
    const value = op.value as Record<string, unknown> | null;
    const key = value && typeof value === 'object' ? Object.keys(value).find(namesMembers) : undefined;
    if (!value || key === undefined) {
      docOps.push(op);
      continue;
    }
    const { [key]: members, ...rest } = value;
    memberOps.push({ op: op.op, value: members });
    if (Object.keys(rest).length > 0) docOps.push({ ...op, value: rest } as PatchOp);
  }
  return { docOps, memberOps };
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The ids named by `members[value eq "a" or value eq "b"]`: the forms Okta and Entra send. */
function idsOfFilter(filter: Filter): string[] {
  if (filter.kind === 'or') return [...idsOfFilter(filter.left), ...idsOfFilter(filter.right)];
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.sub?.name === 'value' &&
    typeof filter.value === 'string'
  ) {
    return [filter.value];
  }
  throw new AppError(
    'invalidFilter',
    'a members filter may only name members by value: members[value eq "id"]',
  );
}

/** Applies one member operation; returns how many edges it added or removed. */
export async function applyMemberOp(tx: TenantTx, groupId: string, op: MemberOp): Promise<number> {
  if (op.where) return tx.members.remove(groupId, idsOfFilter(op.where));
  if (op.op === 'remove') {
    if (op.value === undefined) return tx.members.removeAll(groupId);
    if (op.value === null) return 0;
    // Entra's default: {op: "Remove", path: "members", value: [{value: id}]} removes just those.
    return tx.members.remove(
      groupId,
      listOf(op.value).map((m) => memberInput(m).value),
    );
  }
  const edges = op.value === null ? [] : await resolveMembers(tx, groupId, listOf(op.value).map(memberInput));
  const removed = op.op === 'replace' ? await tx.members.removeAll(groupId) : 0;
  return removed + (await tx.members.add(groupId, edges));
}
