import type { PolicyJson, PolicyReads, PolicyWrites } from '../port.ts';
import type { Db } from './driver.ts';

/** The policy column of the tenant's own row: text on SQLite, jsonb (already parsed) on PostgreSQL. */
export function policyRepo(db: Db, tenant: string): PolicyReads & PolicyWrites {
  return {
    async get() {
      const row = await db.get<{ policy: string | PolicyJson }>(
        'SELECT policy_json AS "policy" FROM tenants WHERE id = $1',
        [tenant],
      );
      if (!row) return undefined;
      return typeof row.policy === 'string' ? (JSON.parse(row.policy) as PolicyJson) : row.policy;
    },
    async set(document) {
      const sql = 'UPDATE tenants SET policy_json = $1 WHERE id = $2';
      return (await db.run(sql, [JSON.stringify(document), tenant])) > 0;
    },
  };
}
