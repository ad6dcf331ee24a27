import type { GroupRef } from '../port.ts';

/** Rows of (member, group id, group name) gathered into each member's list of groups. */
export function groupsByMember(rows: readonly { member: string; value: string; display: string }[]) {
  const groups = new Map<string, GroupRef[]>();
  for (const { member, value, display } of rows) {
    const list = groups.get(member) ?? [];
    list.push({ value, display });
    groups.set(member, list);
  }
  return groups;
}
