import { AppError } from '../errors/app-error.ts';
import type { MemberRef, ResourceDoc, TenantTx } from '../store/port.ts';

export interface MemberInput {
  readonly value: string;
}

type Edge = { value: string; type: MemberRef['type'] };

/** Takes `members` out of a group document: they live in group_members, not in doc_json. */
export function splitMembers(doc: ResourceDoc): { doc: ResourceDoc; members: MemberInput[] | undefined } {
  const { members, ...rest } = doc;
  if (members === undefined) return { doc: rest, members: undefined };
  return { doc: rest, members: (members as { value?: unknown }[]).map(memberInput) };
}

export function memberInput(element: unknown): MemberInput {
  const value = (element as { value?: unknown } | null)?.value;
  if (typeof value !== 'string' || value === '') {
    throw new AppError('invalidValue', 'each member needs a "value" with the id of a user or group');
  }
  return { value };
}

/**
 * Checks that every member is a user or group of this tenant (400 otherwise) and returns the edges.
 * One query for the whole list, however long.
 */
export async function resolveMembers(
  tx: TenantTx,
  groupId: string,
  members: readonly MemberInput[],
): Promise<Edge[]> {
  const ids = [...new Set(members.map((m) => m.value))];
  if (ids.includes(groupId)) throw new AppError('invalidValue', 'a group cannot be a member of itself');
  const types = await tx.members.resolve(ids);
  const unknown = ids.filter((id) => !types.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'invalidValue',
      `members are not users or groups of this tenant: ${unknown.slice(0, 5).join(', ')}`,
    );
  }
  return ids.map((value) => ({ value, type: types.get(value) as MemberRef['type'] }));
}
