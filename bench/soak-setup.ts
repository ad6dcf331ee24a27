// What every soak scenario starts from: a database with tenants, each with a webhook endpoint on a local
// receiver, and a way to tell whether every acknowledged change's event has arrived there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, serviceDeps } from '../src/compose.ts';
import { addWebhookEndpoint } from '../src/service/webhook-endpoints.ts';
import type { TenantId } from '../src/store/port.ts';
import type { Receiver } from '../test/support/webhook-receiver.ts';
import { eventKey, type Op, oktaTenant, type Tenant } from './okta-mix.ts';
import { startDurableCluster } from './processes.ts';
import { byBench, seedTenant } from './seed.ts';

export type Engine = 'sqlite' | 'postgres';

/** Runs `use` on a fresh database of `engine` (a temp SQLite file, or a throwaway cluster), then removes it. */
export async function withDatabase<T>(engine: Engine, use: (database: string) => Promise<T>): Promise<T> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'scimitar-soak-'));
    try {
      return await use(join(dir, 'soak.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const cluster = await startDurableCluster();
  try {
    return await use(cluster.url);
  } finally {
    cluster.destroy();
  }
}

/**
 * `count` tenants `soak-N`, each seeded with `users` users and groups of 10 and 100 of them, with a
 * webhook endpoint at `hook`; they send calls of `weights`.
 */
export async function soakTenants(
  database: string,
  count: number,
  users: number,
  hook: string,
  weights: Readonly<Record<Op, number>>,
): Promise<Tenant[]> {
  const store = await openStore(database);
  try {
    const tenants: Tenant[] = [];
    for (let i = 0; i < count; i++) {
      const name = `soak-${i}`;
      const seeded = await seedTenant(store, name as TenantId, users, [10, 100]);
      await addWebhookEndpoint(serviceDeps(store), name as TenantId, hook, byBench(new Date().toISOString()));
      tenants.push(oktaTenant(name, seeded, weights));
    }
    return tenants;
  } finally {
    await store.close();
  }
}

export interface Arrivals {
  /** How many acknowledged changes' events have not arrived (answered 2xx) yet. */
  missing(): number;
  /** Deliveries of an event id already accepted before. */
  duplicates(): number;
  /** Distinct event ids accepted. */
  events(): number;
}

/** Matches the events `receiver` accepted against the changes `tenants` had acknowledged. */
export function arrivals(receiver: Receiver, tenants: readonly Tenant[]): Arrivals {
  const keys = new Set<string>();
  const ids = new Set<string>();
  let read = 0;
  let duplicates = 0;
  const catchUp = () => {
    for (; read < receiver.accepted.length; read++) {
      const { event } = receiver.accepted[read] ?? { event: undefined };
      if (!event) continue;
      const { resourceType, id, version } = event.data as {
        resourceType: string;
        id: string;
        version: number;
      };
      keys.add(eventKey(resourceType, id, version));
      if (ids.has(event.id)) duplicates++;
      ids.add(event.id);
    }
  };
  return {
    missing() {
      catchUp();
      return tenants.reduce((n, t) => n + [...t.acknowledged].filter((k) => !keys.has(k)).length, 0);
    },
    duplicates() {
      catchUp();
      return duplicates;
    },
    events() {
      catchUp();
      return ids.size;
    },
  };
}

/** Waits until no acknowledged change's event is missing, or `timeoutMs`; resolves with the ms it took. */
export async function drained(events: Arrivals, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (events.missing() > 0 && performance.now() - started < timeoutMs) await sleep(100);
  return performance.now() - started;
}
