import { setTimeout as sleep } from 'node:timers/promises';
import type { CredentialTx, Store, TenantId, TenantTx } from '../port.ts';
import { GROUPS_TABLE, USERS_TABLE } from '../sql/table-spec.ts';
import { tenantHandles, toTenant } from '../sql/tenant-rows.ts';
import {
  adminRepo,
  auditReads,
  auditWrites,
  operatorRepo,
  sessionRepo,
  signingKeyRepo,
} from './account-repo.ts';
import { memberReads, memberWrites } from './member-repo.ts';
import { oauthRepo } from './oauth-repo.ts';
import {
  createPool,
  isRetryable,
  isUnavailable,
  migrate,
  type PostgresOptions,
  translate,
} from './open-postgres.ts';
import { type Atomic, prepared, type Queryable } from './queryable.ts';
import { resourceReads, resourceWrites } from './resource-repo.ts';
import { tokenRepo } from './token-repo.ts';
import { eventWrites, webhookRepo } from './webhook-repo.ts';

/** How often a transaction that lost a serialization race or a deadlock is run again before giving up. */
const ATTEMPTS = 8;

function txFor(client: Queryable, tenant: string): TenantTx {
  return {
    users: {
      ...resourceReads(client, USERS_TABLE, tenant, true),
      ...resourceWrites(client, USERS_TABLE, tenant),
    },
    groups: {
      ...resourceReads(client, GROUPS_TABLE, tenant, true),
      ...resourceWrites(client, GROUPS_TABLE, tenant),
    },
    members: { ...memberReads(client, tenant), ...memberWrites(client, tenant) },
    audit: auditWrites(client, tenant),
    events: eventWrites(client, tenant),
  };
}

/** The credential stores on one transaction's connection; their own multi-statement steps join it. */
function credentialTxFor(client: Queryable, tenant: string): CredentialTx {
  const joined: Atomic = (work) => work(client);
  return {
    tokens: tokenRepo(client),
    admins: adminRepo(client),
    signingKeys: signingKeyRepo(client, joined),
    oauth: oauthRepo(client, joined),
    webhooks: webhookRepo(client),
    audit: auditWrites(client, tenant),
  };
}

/** Runs `statement` on the pool, turning an outage into StoreUnavailableError. */
async function guarded<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    return translate(error);
  }
}

/** Wraps each method of a read interface with `guarded`. */
function guardAll<T extends object>(reads: T): T {
  return Object.fromEntries(
    Object.entries(reads).map(([name, method]) => [
      name,
      (...args: unknown[]) => guarded(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as T;
}

/**
 * The PostgreSQL adapter: stateless beyond its pool, so any number of processes can share one database.
 * Transactions run at READ COMMITTED with row locks where a document is read and rewritten; a
 * serialization failure or deadlock reruns the whole transaction, so a client never sees it.
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = createPool(url, options);
  await guarded(() => migrate(pool));

  const atomic: Atomic = async (work) => {
    for (let attempt = 1; ; attempt++) {
      const client = await guarded(() => pool.connect());
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        const broken = isUnavailable(error);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        // A connection that failed mid-transaction is destroyed rather than returned to the pool.
        client.release(broken ? (error as Error) : undefined);
        if (isRetryable(error) && attempt < ATTEMPTS) {
          await sleep(Math.random() * 5 * attempt);
          continue;
        }
        return translate(error);
      }
    }
  };
  const transaction = <T>(tenant: string, work: (tx: TenantTx) => Promise<T>) =>
    atomic((client) => work(txFor(client, tenant)));
  const credentialTransaction = <T>(tenant: string, work: (tx: CredentialTx) => Promise<T>) =>
    atomic((client) => work(credentialTxFor(client, tenant)));

  return {
    forTenant: tenantHandles((tenant) => ({
      users: guardAll(resourceReads(pool, USERS_TABLE, tenant)),
      groups: guardAll(resourceReads(pool, GROUPS_TABLE, tenant)),
      members: guardAll(memberReads(pool, tenant)),
      audit: guardAll(auditReads(pool, tenant)),
      transaction: (work) => transaction(tenant, work),
      credentialTransaction: (work) => credentialTransaction(tenant, work),
    })),
    tenants: guardAll({
      async get(id: string) {
        const { rows } = await pool.query(prepared('SELECT id, created_at FROM tenants WHERE id = $1', [id]));
        return rows[0] && toTenant(rows[0]);
      },
      async list() {
        const { rows } = await pool.query('SELECT id, created_at FROM tenants ORDER BY id');
        return rows.map(toTenant);
      },
      async create(id: TenantId, now: string) {
        const { rowCount } = await pool.query(
          prepared('INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, now]),
        );
        return rowCount ? { id, createdAt: now } : undefined;
      },
      async delete(id: TenantId) {
        const { rowCount } = await pool.query(prepared('DELETE FROM tenants WHERE id = $1', [id]));
        return (rowCount ?? 0) > 0;
      },
    }),
    tokens: guardAll(tokenRepo(pool)),
    admins: guardAll(adminRepo(pool)),
    operators: guardAll(operatorRepo(pool)),
    signingKeys: guardAll(signingKeyRepo(pool, atomic)),
    oauth: guardAll(oauthRepo(pool, atomic)),
    sessions: guardAll(sessionRepo(pool)),
    webhooks: guardAll(webhookRepo(pool)),
    async health() {
      const { rows } = await guarded(() =>
        pool.query<{ version: string; isolation: string; synchronous_commit: string; schemaVersion: number }>(
          `SELECT current_setting('server_version') AS version, current_setting('transaction_isolation') AS isolation,
             current_setting('synchronous_commit') AS synchronous_commit,
             (SELECT max(version) FROM schema_migrations) AS "schemaVersion"`,
        ),
      );
      const { totalCount, idleCount, waitingCount } = pool;
      return {
        database: 'postgres',
        ...rows[0],
        pool: { total: totalCount, idle: idleCount, waiting: waitingCount },
      };
    },
    async close() {
      await pool.end();
    },
  };
}
