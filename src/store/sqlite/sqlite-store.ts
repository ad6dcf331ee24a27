import type { CredentialTx, Store, TenantTx } from '../port.ts';
import { GROUPS_TABLE, USERS_TABLE } from '../sql/table-spec.ts';
import { tenantHandles, toTenant } from '../sql/tenant-rows.ts';
import { adminRepo } from './admin-repo.ts';
import { auditReads, auditWrites } from './audit-repo.ts';
import { memberReads, memberWrites } from './member-repo.ts';
import { oauthRepo } from './oauth-repo.ts';
import { openSqlite, readPragmas } from './open-sqlite.ts';
import { operatorRepo } from './operator-repo.ts';
import { resourceReads, resourceWrites } from './resource-repo.ts';
import { sessionRepo } from './session-repo.ts';
import { signingKeyRepo } from './signing-key-repo.ts';
import { Statements } from './statements.ts';
import { tokenRepo } from './token-repo.ts';
import { eventWrites, webhookRepo } from './webhook-repo.ts';

/**
 * better-sqlite3 is synchronous and cannot run a transaction across awaits by itself, so write
 * transactions are serialised here: BEGIN IMMEDIATE … COMMIT on the writer, one at a time.
 */
class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(work, work);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

export function openSqliteStore(path: string): Store {
  const { writer, reader } = openSqlite(path);
  const w = new Statements(writer);
  const r = new Statements(reader);
  const queue = new WriteQueue();
  const write = <T>(work: () => T): Promise<T> => queue.run(async () => work());
  const writeTx = <T>(work: () => T): Promise<T> =>
    queue.run(async () => writer.transaction(work).immediate());

  /** BEGIN IMMEDIATE … COMMIT around async `work`, alone on the writer. */
  function inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return queue.run(async () => {
      writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  const transaction = <T>(tenant: string, work: (tx: TenantTx) => Promise<T>) =>
    inTransaction(() =>
      work({
        users: { ...resourceReads(w, USERS_TABLE, tenant), ...resourceWrites(w, USERS_TABLE, tenant) },
        groups: { ...resourceReads(w, GROUPS_TABLE, tenant), ...resourceWrites(w, GROUPS_TABLE, tenant) },
        members: { ...memberReads(w, tenant), ...memberWrites(w, tenant) },
        audit: auditWrites(w, tenant),
        events: eventWrites(w, tenant),
      }),
    );

  // Inside the open transaction the repositories read and write on the writer, with no queueing of
  // their own (the queue is held); their multi-statement steps nest as savepoints.
  const inline = async <T>(work: () => T): Promise<T> => work();
  const credentialTransaction = <T>(tenant: string, work: (tx: CredentialTx) => Promise<T>) =>
    inTransaction(() =>
      work({
        tokens: tokenRepo(w, w, inline),
        admins: adminRepo(w, w, inline),
        signingKeys: signingKeyRepo(w, w, inline),
        oauth: oauthRepo(w, w, inline),
        webhooks: webhookRepo(w, w, inline),
        audit: auditWrites(w, tenant),
      }),
    );

  return {
    forTenant: tenantHandles((tenant) => ({
      users: resourceReads(r, USERS_TABLE, tenant),
      groups: resourceReads(r, GROUPS_TABLE, tenant),
      members: memberReads(r, tenant),
      audit: auditReads(r, tenant),
      transaction: (work) => transaction(tenant, work),
      credentialTransaction: (work) => credentialTransaction(tenant, work),
    })),
    tenants: {
      async get(id) {
        const row = r.get('SELECT id, created_at FROM tenants WHERE id = ?').get(id);
        return row ? toTenant(row as { id: string; created_at: string }) : undefined;
      },
      async list() {
        const rows = r.get('SELECT id, created_at FROM tenants ORDER BY id').all();
        return (rows as { id: string; created_at: string }[]).map(toTenant);
      },
      async create(id, now) {
        const insert = () =>
          w.get('INSERT OR IGNORE INTO tenants (id, created_at) VALUES (?, ?)').run(id, now);
        return (await write(insert)).changes > 0 ? { id, createdAt: now } : undefined;
      },
      delete(id) {
        return write(() => w.get('DELETE FROM tenants WHERE id = ?').run(id).changes > 0);
      },
    },
    tokens: tokenRepo(w, r, write),
    admins: adminRepo(w, r, write),
    operators: operatorRepo(w, r, write),
    signingKeys: signingKeyRepo(w, r, write),
    oauth: oauthRepo(w, r, write),
    sessions: sessionRepo(w, r, write),
    webhooks: webhookRepo(w, r, writeTx),
    async health() {
      reader.prepare('SELECT 1').get();
      const schemaVersion = reader.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
      return { database: 'sqlite', schemaVersion, ...readPragmas(writer) };
    },
    async close() {
      await write(() => undefined);
      reader.close();
      writer.close();
    },
  };
}
