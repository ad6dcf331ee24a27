import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/compose.ts';
import type { Claim, OutboxEvent, Store, TenantId } from '../../src/store/port.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';

// The outbox and delivery queue on the adapter under test: events commit with their change, each
// active endpoint gets one delivery, and a lease keeps a claimed row from every other claimer until it
// ends. Time is passed in, so lease expiry is tested without waiting.

let db: TestDatabase;
let store: Store;
const T = 'outbox-a' as TenantId;
const OTHER = 'outbox-b' as TenantId;
const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, seconds)).toISOString();

before(async () => {
  db = await freshDatabase();
  store = await openStore(db.database);
  await store.tenants.create(T, at(0));
  await store.tenants.create(OTHER, at(0));
});

after(async () => {
  await store.close();
  await db.drop();
});

function event(n: number): OutboxEvent {
  const id = randomUUID();
  return {
    id,
    type: 'user.updated',
    resourceType: 'User',
    resourceId: `user-${n}`,
    version: n,
    occurredAt: at(0),
    payload: JSON.stringify({ id, n }),
  };
}

async function endpoint(tenant: TenantId): Promise<string> {
  const id = randomUUID();
  await store.forTenant(tenant).webhooks.addEndpoint({
    id,
    url: 'http://127.0.0.1:9/',
    secret: 'whsec_AA==',
    createdAt: at(0),
  });
  return id;
}

const claimAt = (seconds: number, owner: string, limit = 10): Claim => ({
  now: at(seconds),
  leaseUntil: at(seconds + 30),
  owner,
  limit,
});

describe(`outbox and delivery queue on ${ENGINE}`, () => {
  test('an event commits with its transaction or not at all, and fans out to each endpoint', async () => {
    const [a, b] = [await endpoint(T), await endpoint(T)];
    await endpoint(OTHER);
    const kept = event(1);
    await store.forTenant(T).transaction((tx) => tx.events.append(kept));
    await assert.rejects(
      store.forTenant(T).transaction(async (tx) => {
        await tx.events.append(event(2));
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.deepEqual(await store.deliveries.dueTenants(at(0), 10), [T]);
    const claimed = await store.forTenant(T).webhooks.claim(claimAt(0, 'p1'));
    assert.deepEqual(claimed.map((c) => c.endpointId).sort(), [a, b].sort());
    for (const c of claimed) {
      assert.equal(c.eventId, kept.id);
      assert.equal(c.payload, kept.payload);
      assert.equal(c.attempts, 0);
      assert.equal(c.tenant, T);
      await store.forTenant(T).webhooks.settle(c, 'p1', { kind: 'delivered', at: at(1), status: 200 });
    }
    assert.deepEqual(await store.forTenant(T).webhooks.claim(claimAt(100, 'p1')), []);
    for (const id of [a, b]) assert.ok(await store.forTenant(T).webhooks.removeEndpoint(id));
  });

  test('a leased row is nobody else’s until the lease ends; then the old owner’s outcome is ignored', async () => {
    const id = await endpoint(T);
    await store.forTenant(T).transaction((tx) => tx.events.append(event(3)));
    const [first] = await store.forTenant(T).webhooks.claim(claimAt(0, 'p1'));
    assert.ok(first);
    assert.deepEqual(await store.forTenant(T).webhooks.claim(claimAt(29, 'p2')), []);
    // p1 was killed: after its lease, p2 takes the row over.
    const [again] = await store.forTenant(T).webhooks.claim(claimAt(31, 'p2'));
    assert.equal(again?.eventId, first.eventId);
    await store
      .forTenant(T)
      .webhooks.settle(first, 'p1', { kind: 'failed', at: at(32), status: 500, error: 'late' });
    assert.deepEqual(
      (await store.forTenant(T).webhooks.listEndpoints()).map((e) => [e.id, e.pending, e.failed]),
      [[id, 1, 0]],
    );
    await store.forTenant(T).webhooks.settle(first, 'p2', { kind: 'delivered', at: at(33), status: 204 });
    assert.deepEqual(
      (await store.forTenant(T).webhooks.listEndpoints()).map((e) => [e.pending, e.failed]),
      [[0, 0]],
    );
    assert.ok(await store.forTenant(T).webhooks.removeEndpoint(id));
  });

  test('a retry waits for its next attempt; claims come in event order and respect the limit', async () => {
    const id = await endpoint(T);
    const events = [event(4), event(5), event(6)];
    for (const e of events) await store.forTenant(T).transaction((tx) => tx.events.append(e));
    const claimed = await store.forTenant(T).webhooks.claim(claimAt(0, 'p1', 2));
    assert.deepEqual(
      claimed.map((c) => c.eventId),
      events.slice(0, 2).map((e) => e.id),
    );
    const [head, second] = claimed as [(typeof claimed)[0], (typeof claimed)[0]];
    const retry = { kind: 'retry', at: at(1), status: 503, error: 'busy', nextAttemptAt: at(60) } as const;
    await store.forTenant(T).webhooks.settle(head, 'p1', retry);
    await store.forTenant(T).webhooks.settle(second, 'p1', { kind: 'released', nextAttemptAt: undefined });
    const next = await store.forTenant(T).webhooks.claim(claimAt(2, 'p1'));
    assert.deepEqual(
      next.map((c) => c.eventId),
      events.slice(1).map((e) => e.id),
    );
    assert.equal(next[0]?.attempts, 0, 'a release is not an attempt');
    const [later] = await store.forTenant(T).webhooks.claim(claimAt(61, 'p1'));
    assert.equal(later?.eventId, head.eventId);
    assert.equal(later?.attempts, 1);
    await store.forTenant(T).webhooks.settle(later as typeof head, 'p1', {
      kind: 'failed',
      at: at(62),
      status: 500,
      error: 'x',
    });
    const [status] = await store.forTenant(T).webhooks.listEndpoints();
    assert.deepEqual([status?.pending, status?.failed], [2, 1]);
    assert.ok(await store.forTenant(T).webhooks.removeEndpoint(id));
    assert.equal(await store.forTenant(T).webhooks.removeEndpoint(id), false);
    assert.deepEqual(await store.forTenant(T).webhooks.listEndpoints(), []);
  });

  test('a paused endpoint gets nothing until the pause ends; other endpoints are not held up', async () => {
    const [bad, good] = [await endpoint(T), await endpoint(T)];
    const e = event(9);
    await store.forTenant(T).transaction((tx) => tx.events.append(e));
    await store.forTenant(T).webhooks.pauseEndpoint(bad, at(50));
    const now = await store.forTenant(T).webhooks.claim(claimAt(0, 'p1'));
    assert.deepEqual(
      now.map((c) => c.endpointId),
      [good],
    );
    await store.forTenant(T).webhooks.settle(now[0] as (typeof now)[0], 'p1', {
      kind: 'delivered',
      at: at(1),
      status: 200,
    });
    const later = await store.forTenant(T).webhooks.claim(claimAt(50, 'p1'));
    assert.deepEqual(
      later.map((c) => [c.endpointId, c.eventId]),
      [[bad, e.id]],
    );
    for (const id of [bad, good]) assert.ok(await store.forTenant(T).webhooks.removeEndpoint(id));
  });

  test('without an endpoint an event is kept but nothing is due', async () => {
    await store.forTenant(OTHER).transaction((tx) => tx.events.append(event(7)));
    const [other] = await store.forTenant(OTHER).webhooks.listEndpoints();
    assert.ok(other);
    assert.ok(await store.forTenant(OTHER).webhooks.removeEndpoint(other.id));
    await store.forTenant(OTHER).transaction((tx) => tx.events.append(event(8)));
    assert.deepEqual(await store.deliveries.dueTenants(at(1000), 10), []);
  });
});
