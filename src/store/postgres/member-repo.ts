import type { MemberReads, MemberRef, MemberWrites } from '../port.ts';
import { groupsByMember } from '../sql/member-rows.ts';
import { prepared, type Queryable } from './queryable.ts';

/** Membership edges of one tenant: one row per (group, member), never a rewritten list. */
export function memberReads(db: Queryable, tenant: string): MemberReads {
  return {
    async list(groupId) {
      const { rows } = await db.query<{ value: string; type: MemberRef['type']; display: string | null }>(
        prepared(
          `SELECT m.member_id AS value, m.member_type AS type,
             coalesce(u.display_name, u.user_name, g.display_name) AS display
           FROM group_members m
           LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id
           LEFT JOIN groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id
           WHERE m.tenant_id = $1 AND m.group_id = $2`,
          [tenant, groupId],
        ),
      );
      return rows.map((r) => ({ value: r.value, type: r.type, display: r.display ?? undefined }));
    },
    async groupsOf(memberIds) {
      const { rows } = await db.query<{ member: string; value: string; display: string }>(
        prepared(
          `SELECT m.member_id AS member, g.id AS value, g.display_name AS display FROM group_members m
           JOIN groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
           WHERE m.tenant_id = $1 AND m.member_id = ANY($2::text[])`,
          [tenant, memberIds],
        ),
      );
      return groupsByMember(rows);
    },
  };
}

export function memberWrites(db: Queryable, tenant: string): MemberWrites {
  return {
    // FOR SHARE: a member being added cannot be deleted until this transaction ends, so no edge can
    // outlive its member (a delete waits, then removes the new edge as well).
    async resolve(ids) {
      const { rows } = await db.query<{ id: string; type: MemberRef['type'] }>(
        prepared(
          `WITH u AS (SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::text[]) FOR SHARE),
                g AS (SELECT id FROM groups WHERE tenant_id = $1 AND id = ANY($2::text[]) FOR SHARE)
           SELECT id, 'User' AS type FROM u UNION ALL SELECT id, 'Group' AS type FROM g`,
          [tenant, ids],
        ),
      );
      return new Map(rows.map((r) => [r.id, r.type]));
    },
    async add(groupId, members) {
      if (members.length === 0) return 0;
      const { rowCount } = await db.query(
        prepared(
          `INSERT INTO group_members (tenant_id, group_id, member_id, member_type)
           SELECT $1, $2, m.id, m.type FROM unnest($3::text[], $4::text[]) AS m(id, type)
           ON CONFLICT DO NOTHING`,
          [tenant, groupId, members.map((m) => m.value), members.map((m) => m.type)],
        ),
      );
      return rowCount ?? 0;
    },
    async remove(groupId, memberIds) {
      const { rowCount } = await db.query(
        prepared(
          'DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2 AND member_id = ANY($3::text[])',
          [tenant, groupId, memberIds],
        ),
      );
      return rowCount ?? 0;
    },
    async removeAll(groupId) {
      const { rowCount } = await db.query(
        prepared('DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2', [tenant, groupId]),
      );
      return rowCount ?? 0;
    },
  };
}
