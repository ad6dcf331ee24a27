import type { MemberReads, MemberRef, MemberWrites } from '../port.ts';
import { groupsByMember } from '../sql/member-rows.ts';
import type { Statements } from './statements.ts';

/** Membership edges of one tenant: one row per (group, member), never a rewritten list. */
export function memberReads(statements: Statements, tenant: string): MemberReads {
  return {
    async list(groupId) {
      const rows = statements
        .get(
          `SELECT m.member_id AS value, m.member_type AS type,
             coalesce(u.display_name, u.user_name, g.display_name) AS display
           FROM group_members m
           LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id
           LEFT JOIN groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id
           WHERE m.tenant_id = ? AND m.group_id = ?`,
        )
        .all(tenant, groupId) as { value: string; type: MemberRef['type']; display: string | null }[];
      return rows.map((r) => ({ value: r.value, type: r.type, display: r.display ?? undefined }));
    },
    async groupsOf(memberIds) {
      // One id (a GET) binds it directly; a page binds the list as a JSON array.
      const single = memberIds.length === 1;
      const rows = statements
        .get(
          `SELECT m.member_id AS member, g.id AS value, g.display_name AS display FROM group_members m
           JOIN groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
           WHERE m.tenant_id = ? AND m.member_id ${single ? '= ?' : 'IN (SELECT value FROM json_each(?))'}`,
        )
        .all(tenant, single ? memberIds[0] : JSON.stringify(memberIds)) as {
        member: string;
        value: string;
        display: string;
      }[];
      return groupsByMember(rows);
    },
  };
}

export function memberWrites(statements: Statements, tenant: string): MemberWrites {
  return {
    async resolve(ids) {
      const rows = statements
        .get(
          `SELECT id, 'User' AS type FROM users WHERE tenant_id = @tenant AND id IN (SELECT value FROM json_each(@ids))
           UNION ALL
           SELECT id, 'Group' AS type FROM groups WHERE tenant_id = @tenant AND id IN (SELECT value FROM json_each(@ids))`,
        )
        .all({ tenant, ids: JSON.stringify(ids) }) as { id: string; type: MemberRef['type'] }[];
      return new Map(rows.map((r) => [r.id, r.type]));
    },
    async add(groupId, members) {
      const insert = statements.get(
        'INSERT OR IGNORE INTO group_members (tenant_id, group_id, member_id, member_type) VALUES (?, ?, ?, ?)',
      );
      let added = 0;
      for (const m of members) added += insert.run(tenant, groupId, m.value, m.type).changes;
      return added;
    },
    async remove(groupId, memberIds) {
      return statements
        .get(
          'DELETE FROM group_members WHERE tenant_id = ? AND group_id = ? AND member_id IN (SELECT value FROM json_each(?))',
        )
        .run(tenant, groupId, JSON.stringify(memberIds)).changes;
    },
    async removeAll(groupId) {
      return statements
        .get('DELETE FROM group_members WHERE tenant_id = ? AND group_id = ?')
        .run(tenant, groupId).changes;
    },
  };
}
