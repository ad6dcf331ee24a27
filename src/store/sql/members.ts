import type { GroupRef, MemberReads, MemberRef, MemberWrites } from '../port.ts';
import type { Dialect } from './dialect.ts';
import type { Db } from './driver.ts';

/** Membership edges of one tenant: one row per (group, member), never a rewritten list. */
export function memberReads(db: Db, dialect: Dialect, tenant: string): MemberReads {
  return {
    async list(groupId) {
      return db.all<MemberRef>(
        `SELECT m.member_id AS value, m.member_type AS type,
           coalesce(u.display_name, u.user_name, g.display_name) AS display
         FROM group_members m
         LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id
         LEFT JOIN groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id
         WHERE m.tenant_id = $1 AND m.group_id = $2`,
        [tenant, groupId],
      );
    },
    async groupsOf(memberIds) {
      // One id (a GET) binds it directly; a page binds the list as an array.
      const single = memberIds.length === 1;
      const rows = await db.all<{ member: string; value: string; display: string }>(
        `SELECT m.member_id AS member, g.id AS value, g.display_name AS display FROM group_members m
         JOIN groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
         WHERE m.tenant_id = $1 AND m.member_id ${single ? '= $2' : dialect.inArray('$2')}`,
        [tenant, single ? memberIds[0] : memberIds],
      );
      const groups = new Map<string, GroupRef[]>();
      for (const { member, value, display } of rows) {
        const list = groups.get(member) ?? [];
        list.push({ value, display });
        groups.set(member, list);
      }
      return groups;
    },
  };
}

export function memberWrites(db: Db, dialect: Dialect, tenant: string): MemberWrites {
  const ids = dialect.inArray('$2');
  // FOR SHARE: a member being added cannot be deleted until this transaction ends, so no edge can
  // outlive its member (a delete waits, then removes the new edge as well).
  const resolveSql = `WITH u AS (SELECT id FROM users WHERE tenant_id = $1 AND id ${ids}${db.lock('SHARE')}),
      g AS (SELECT id FROM groups WHERE tenant_id = $1 AND id ${ids}${db.lock('SHARE')})
    SELECT id, 'User' AS type FROM u UNION ALL SELECT id, 'Group' AS type FROM g`;
  return {
    async resolve(memberIds) {
      const rows = await db.all<{ id: string; type: MemberRef['type'] }>(resolveSql, [tenant, memberIds]);
      return new Map(rows.map((r) => [r.id, r.type]));
    },
    // One statement per member type, each over one array: pairing two arrays by position is a join
    // SQLite's json_each cannot index, and would cost the square of the list's length.
    async add(groupId, members) {
      let added = 0;
      for (const type of ['User', 'Group'] as const) {
        const ids = members.filter((m) => m.type === type).map((m) => m.value);
        if (ids.length === 0) continue;
        added += await db.run(
          `INSERT INTO group_members (tenant_id, group_id, member_id, member_type)
           SELECT $1, $2, m.value, $4 FROM ${dialect.arrayRows('$3', 'm')} WHERE true ON CONFLICT DO NOTHING`,
          [tenant, groupId, ids, type],
        );
      }
      return added;
    },
    remove(groupId, memberIds) {
      const sql = `DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2 AND member_id ${dialect.inArray('$3')}`;
      return db.run(sql, [tenant, groupId, memberIds]);
    },
    removeAll(groupId) {
      return db.run('DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2', [tenant, groupId]);
    },
  };
}
