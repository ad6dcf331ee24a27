// Seeds a database through the store port (the API would take too long at 1,000,000 users).
import { randomUUID } from 'node:crypto';
import { openStore, serviceDeps } from '../src/compose.ts';
import { createToken } from '../src/service/tokens.ts';
import type { Store, TenantId } from '../src/store/port.ts';

export interface Seeded {
  readonly token: string;
  readonly userIds: string[];
  /** Group id by member count. */
  readonly groups: Record<number, string>;
}

const BATCH = 10_000;

/** Whom the audit trail names for what the benchmarks set up. */
export const byBench = (at: string) => ({ by: { kind: 'bench', id: 'seed', name: 'bench:seed' }, at });

/** `database` is a SQLite path or a postgres:// URL; the tenant is `bench` unless named. */
export async function seed(
  database: string,
  users: number,
  groupSizes: number[],
  tenant = 'bench' as TenantId,
): Promise<Seeded> {
  const store = await openStore(database);
  const seeded = await seedTenant(store, tenant, users, groupSizes);
  await store.close();
  return seeded;
}

/**
 * Creates `name` with a token, `users` users and one group per entry of `groupSizes`, which holds
 * that many of the users but never the last 1,000.
 */
export async function seedTenant(
  store: Store,
  name: TenantId,
  users: number,
  groupSizes: number[],
): Promise<Seeded> {
  const now = new Date().toISOString();
  await store.tenants.create(name, now);
  const { token } = await createToken(serviceDeps(store), name, 'bench', byBench(now));
  const tenant = store.forTenant(name);
  const userIds: string[] = [];
  for (let start = 0; start < users; start += BATCH) {
    await tenant.transaction(async (tx) => {
      for (let i = start; i < Math.min(users, start + BATCH); i++) {
        const id = randomUUID();
        const userName = `user${i}@example.com`;
        const doc = {
          userName,
          name: { givenName: 'Ada', familyName: `Lovelace${i}` },
          emails: [{ primary: true, type: 'work', value: userName }],
          displayName: `Ada ${i}`,
          externalId: `ext-${i}`,
          active: true,
        };
        await tx.users.insert(id, doc, now);
        userIds.push(id);
      }
    });
  }
  const groups: Record<number, string> = {};
  for (const size of groupSizes) {
    const id = randomUUID();
    await tenant.transaction(async (tx) => {
      await tx.groups.insert(id, { displayName: `Group of ${size}` }, now);
      // The last users stay out of every group, so the scenarios can add and remove them.
      const members = userIds
        .slice(0, Math.max(0, Math.min(size, userIds.length - 1000)))
        .map((value) => ({ value, type: 'User' as const }));
      await tx.members.add(id, members);
    });
    groups[size] = id;
  }
  return { token, userIds, groups };
}
