import type { Store, Tenant, TenantId, TenantStore, TenantTx } from '../port.ts';
import { adminRepo, operatorRepo } from './accounts.ts';
import { auditReads, auditWrites } from './audit.ts';
import type { Db, Driver } from './driver.ts';
import { memberReads, memberWrites } from './members.ts';
import { oauthRepo } from './oauth.ts';
import { policyRepo } from './policies.ts';
import { resourceReads, resourceWrites } from './resources.ts';
import { sessionRepo } from './sessions.ts';
import { signingKeyRepo } from './signing-keys.ts';
import { GROUPS_TABLE, USERS_TABLE } from './table-spec.ts';
import { tokenRepo } from './tokens.ts';
import { deliveryPoll, eventWrites, webhookRepo } from './webhooks.ts';

const HANDLES = 1024;
const TENANT = 'SELECT id, created_at AS "createdAt" FROM tenants';

/** The port over one engine's driver: every repository is written once, here and beside this file. */
export function sqlStore(driver: Driver): Store {
  const { db, dialect } = driver;

  function txFor(tx: Db, tenant: TenantId): TenantTx {
    return {
      users: {
        ...resourceReads(tx, dialect, USERS_TABLE, tenant),
        ...resourceWrites(tx, dialect, USERS_TABLE, tenant),
      },
      groups: {
        ...resourceReads(tx, dialect, GROUPS_TABLE, tenant),
        ...resourceWrites(tx, dialect, GROUPS_TABLE, tenant),
      },
      members: { ...memberReads(tx, dialect, tenant), ...memberWrites(tx, dialect, tenant) },
      audit: auditWrites(tx, dialect, tenant),
      events: eventWrites(tx, dialect, tenant),
      tokens: tokenRepo(tx, tenant),
      admins: adminRepo(tx, tenant),
      signingKeys: signingKeyRepo(tx, dialect, tenant),
      oauth: oauthRepo(tx, tenant),
      webhooks: webhookRepo(tx, dialect, tenant),
      policy: policyRepo(tx, tenant),
    };
  }

  function handle(tenant: TenantId): TenantStore {
    return {
      users: resourceReads(db, dialect, USERS_TABLE, tenant),
      groups: resourceReads(db, dialect, GROUPS_TABLE, tenant),
      members: memberReads(db, dialect, tenant),
      audit: auditReads(db, tenant),
      tokens: tokenRepo(db, tenant),
      admins: adminRepo(db, tenant),
      sessions: sessionRepo(db, tenant),
      signingKeys: signingKeyRepo(db, dialect, tenant),
      oauth: oauthRepo(db, tenant),
      webhooks: webhookRepo(db, dialect, tenant),
      policy: policyRepo(db, tenant),
      transaction: (work) => db.atomic((tx) => work(txFor(tx, tenant))),
    };
  }

  // Every request asks for its tenant's handle, so recent ones are kept rather than rebuilt; a bound,
  // since a URL may name any tenant, existing or not, before its credential is checked.
  const handles = new Map<string, TenantStore>();
  // Made by migration 10 and never changed, so read once (a failed read is tried again next time).
  let cursorKey: Promise<string> | undefined;
  async function readCursorKey(): Promise<string> {
    const row = await db.get<{ secret: string }>("SELECT secret FROM server_keys WHERE name = 'cursor'", []);
    if (!row) throw new Error('the cursor key is missing: migrate the database');
    return row.secret;
  }
  return {
    forTenant(tenant) {
      let found = handles.get(tenant);
      if (!found) {
        found = handle(tenant);
        if (handles.size >= HANDLES) handles.delete(handles.keys().next().value as string);
        handles.set(tenant, found);
      }
      return found;
    },
    tenants: {
      get: (id) => db.get<Tenant>(`${TENANT} WHERE id = $1`, [id]),
      list: () => db.all<Tenant>(`${TENANT} ORDER BY id`),
      async create(id, now) {
        const sql = 'INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING';
        return (await db.run(sql, [id, now])) > 0 ? { id, createdAt: now } : undefined;
      },
      async delete(id) {
        return (await db.run('DELETE FROM tenants WHERE id = $1', [id])) > 0;
      },
    },
    operators: operatorRepo(db),
    deliveries: deliveryPoll(db),
    cursorKey() {
      cursorKey ??= readCursorKey().catch((error: unknown) => {
        cursorKey = undefined;
        throw error;
      });
      return cursorKey;
    },
    health: () => driver.health(),
    close: () => driver.close(),
  };
}
