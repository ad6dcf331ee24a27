import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { WebhookSettings } from '../config.ts';
import type { ClaimedDelivery, Store, TenantId } from '../store/port.ts';
import { postEvent } from './deliver.ts';
import { outcomeOf } from './retry-policy.ts';

/** Tenants served per pass; a pass that claimed anything is followed at once by the next. */
const TENANTS_PER_PASS = 100;

export interface WebhookWorker {
  /** Stops claiming, lets requests already sent finish, hands back what was claimed but not sent. */
  stop(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

function byEndpoint(batch: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const delivery of batch)
    groups.set(delivery.endpointId, [...(groups.get(delivery.endpointId) ?? []), delivery]);
  return [...groups.values()];
}

/**
 * The delivery loop each serve process runs (cluster workers too). Each pass finds the tenants with
 * due deliveries, claims a batch in each (a lease, so processes take disjoint rows, and a killed
 * process's rows come back when its lease ends), and delivers each endpoint's rows in event order,
 * endpoints in parallel. An endpoint that fails is paused until its failed event's retry, so one bad
 * endpoint delays only itself and never fills the claims of the others.
 */
export function startWebhookWorker(
  store: Store,
  settings: WebhookSettings,
  logger: Pick<Logger, 'warn' | 'debug'>,
): WebhookWorker {
  const owner = `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const idle = new AbortController();
  let stopping = false;

  async function release(rows: readonly ClaimedDelivery[], nextAttemptAt?: string): Promise<void> {
    for (const row of rows)
      await store.forTenant(row.tenant).webhooks.settle(row, owner, { kind: 'released', nextAttemptAt });
  }

  async function deliverInOrder(rows: readonly ClaimedDelivery[], leaseUntil: number): Promise<void> {
    for (const [i, row] of rows.entries()) {
      // Never send once the lease may have passed to another process: that would be a needless duplicate.
      if (stopping || Date.now() + settings.timeoutMs >= leaseUntil) return release(rows.slice(i));
      const attempt = await postEvent(row, settings.timeoutMs);
      const outcome = outcomeOf(row, attempt, settings, Date.now());
      await store.forTenant(row.tenant).webhooks.settle(row, owner, outcome);
      if (outcome.kind === 'delivered') continue;
      logger.warn(
        {
          tenant: row.tenant,
          endpoint: row.endpointId,
          event: row.eventId,
          attempt: row.attempts + 1,
          error: attempt.ok ? undefined : attempt.error,
        },
        outcome.kind === 'failed'
          ? 'webhook delivery failed for good'
          : 'webhook delivery failed; will retry',
      );
      if (outcome.kind === 'failed') return release(rows.slice(i + 1));
      // The endpoint is failing: its backlog and new events wait for this event's retry.
      await store.forTenant(row.tenant).webhooks.pauseEndpoint(row.endpointId, outcome.nextAttemptAt);
      return release(rows.slice(i + 1), outcome.nextAttemptAt);
    }
  }

  async function serveTenant(tenant: TenantId): Promise<number> {
    const now = Date.now();
    const leaseUntil = now + settings.leaseMs;
    const batch = await store.forTenant(tenant).webhooks.claim({
      now: iso(now),
      leaseUntil: iso(leaseUntil),
      owner,
      limit: settings.batchSize,
    });
    await Promise.all(byEndpoint(batch).map((rows) => deliverInOrder(rows, leaseUntil)));
    return batch.length;
  }

  async function pass(): Promise<number> {
    const tenants = await store.deliveries.dueTenants(iso(Date.now()), TENANTS_PER_PASS);
    // Settled, not all: one tenant's failure must not leave the others' deliveries running unawaited.
    const results = await Promise.allSettled(tenants.map(serveTenant));
    let claimed = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') claimed += result.value;
      else logger.warn({ err: result.reason }, 'webhook delivery failed in the store');
    }
    return claimed;
  }

  const running = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await pass();
      } catch (error) {
        // The database is down or a statement failed: claimed rows come back when their lease ends.
        logger.warn({ err: error }, 'webhook delivery pass failed');
      }
      if (claimed === 0 && !stopping)
        await sleep(settings.pollMs, undefined, { signal: idle.signal }).catch(() => undefined);
    }
  })();

  return {
    async stop() {
      stopping = true;
      idle.abort();
      await running;
    },
  };
}
