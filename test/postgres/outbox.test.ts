import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { runCli, type ServeProcess } from '../support/cli.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';
import { killStrayServers, startServers, stopServers, tokenIn } from '../support/pg-processes.ts';
import { type ScimClient, scimClient, USER } from '../support/scim-client.ts';
import { eventually, type Receiver, startReceiver, validSignature } from '../support/webhook-receiver.ts';

// Issue 4: three `serve` processes on one PostgreSQL database share the delivery of one endpoint's
// events. Claims use FOR UPDATE SKIP LOCKED and a lease, so every event is delivered once; when a
// process that holds claimed rows is killed, another delivers them after the lease ends. Delivery is
// at least once: an event the killed process had already sent may arrive twice, with the same
// webhook-id, and this test allows exactly those duplicates and no others.

const LEASE_MS = 3_000;
const ENV = {
  SCIMITAR_WEBHOOK_POLL_MS: '50',
  SCIMITAR_WEBHOOK_LEASE_MS: String(LEASE_MS),
  SCIMITAR_WEBHOOK_TIMEOUT_MS: '1500',
  SCIMITAR_WEBHOOK_BACKOFF_MS: '100',
  SCIMITAR_WEBHOOK_BATCH: '10',
};

let db: TestDatabase;
let servers: ServeProcess[] = [];
let clients: ScimClient[] = [];
let receiver: Receiver;
let client: pg.Client;
let secret = '';

before(async () => {
  db = await freshPostgresDatabase();
  receiver = await startReceiver();
  servers = await startServers(db.database, 3, ENV);
  const token = servers.map((s) => tokenIn(s.output())).find(Boolean);
  assert.ok(token, 'a process printed the first token');
  clients = servers.map((s) => scimClient(`${s.origin}/tenants/default/scim/v2`, token));
  const added = runCli([
    'webhook',
    'add',
    '--tenant',
    'default',
    '--url',
    receiver.url,
    '--database',
    db.database,
  ]);
  assert.equal(added.code, 0, added.stderr);
  secret = /^secret: +(\S+)$/m.exec(added.stdout)?.[1] ?? '';
  client = new pg.Client(db.database);
  await client.connect();
});

after(async () => {
  await client?.end();
  await stopServers(servers);
  killStrayServers();
  await receiver?.close();
  await db?.drop();
});

/** `count` user creates, ten at a time, spread round-robin over the processes. */
async function createUsers(prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const statuses = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        clients[(i + j) % clients.length]
          ?.post('/Users', { schemas: [USER], userName: `${prefix}${i + j}@example.com` })
          .then((r) => r.status),
      ),
    );
    assert.deepEqual(new Set(statuses), new Set([201]));
  }
}

async function eventIds(): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>("SELECT id FROM outbox WHERE tenant_id = 'default'");
  return new Set(rows.map((r) => r.id));
}

async function pending(): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = 'default' AND delivered_at IS NULL",
  );
  return rows[0]?.n ?? -1;
}

const acceptedIds = () => new Set(receiver.accepted.map((r) => r.id));

describe('webhook delivery from three processes', () => {
  test('200 changes: every event delivered exactly once, signed', async (t) => {
    await createUsers('once', 200);
    const ids = await eventIds();
    assert.equal(ids.size, 200);
    await eventually(() => acceptedIds().size === 200, '200 deliveries', 30_000);
    // The receiver answers before a worker records the outcome; then a stray second delivery, if
    // any, would have been sent.
    await eventually(async () => (await pending()) === 0, 'every delivery recorded');
    assert.equal(receiver.received.length, 200, 'no event was delivered twice');
    assert.deepEqual(acceptedIds(), ids);
    for (const request of receiver.received) assert.ok(validSignature(secret, request));
    const { rows } = await client.query<{ owners: number }>(
      `SELECT count(DISTINCT leased_by)::int AS owners FROM webhook_deliveries WHERE tenant_id = 'default'`,
    );
    t.diagnostic(`deliveries made by ${rows[0]?.owners} processes`);
  });

  test('rows claimed by a killed process are delivered by another after the lease', async (t) => {
    receiver.received.length = 0;
    receiver.accepted.length = 0;
    receiver.answer = () => 'hold';
    await createUsers('kill', 30);
    await eventually(() => receiver.held() > 0, 'a delivery in flight');

    // The process to kill: one that holds leased rows not yet delivered.
    const { rows } = await client.query<{ leased_by: string; seqs: string[]; leases: string[] }>(
      `SELECT leased_by, array_agg(event_seq ORDER BY event_seq)::text[] AS seqs,
         array_agg(lease_until ORDER BY event_seq) AS leases FROM webhook_deliveries
       WHERE tenant_id = 'default' AND delivered_at IS NULL AND lease_until > $1 GROUP BY leased_by`,
      [new Date().toISOString()],
    );
    const byPid = new Map(servers.map((s) => [String(s.child.pid), s]));
    const victim = rows.find((r) => byPid.has(r.leased_by.split('/')[1] ?? ''));
    assert.ok(victim, `a process holds leased rows: ${JSON.stringify(rows)}`);
    const victimServer = byPid.get(victim.leased_by.split('/')[1] ?? '') as ServeProcess;
    victimServer.child.kill('SIGKILL');
    clients = clients.filter((_, i) => servers[i] !== victimServer);

    receiver.answer = () => 204;
    receiver.release();
    // The 200 earlier events were delivered in the first test; the 30 new ones are awaited here.
    const newIds = new Set(
      (
        await client.query<{ id: string }>(
          "SELECT id FROM outbox WHERE tenant_id = 'default' AND payload LIKE '%kill%@example.com%'",
        )
      ).rows.map((r) => r.id),
    );
    assert.equal(newIds.size, 30);
    await eventually(
      () => [...newIds].every((id) => acceptedIds().has(id)),
      'every new event delivered',
      20_000,
    );

    await eventually(async () => (await pending()) === 0, 'every delivery recorded', 10_000);
    const taken = await client.query<{ leased_by: string; delivered_at: string | null }>(
      `SELECT leased_by, delivered_at FROM webhook_deliveries
       WHERE tenant_id = 'default' AND event_seq = ANY($1::bigint[]) ORDER BY event_seq`,
      [victim.seqs],
    );
    for (const [i, row] of taken.rows.entries()) {
      assert.notEqual(row.leased_by, victim.leased_by, 'delivered by a surviving process');
      assert.ok((row.delivered_at ?? '') >= (victim.leases[i] ?? '~'), 'and only after the lease ended');
    }
    // At least once: only an event the victim had already sent may have arrived twice.
    const victimEvents = new Set(
      (
        await client.query<{ id: string }>(
          "SELECT id FROM outbox WHERE tenant_id = 'default' AND seq = ANY($1::bigint[])",
          [victim.seqs],
        )
      ).rows.map((r) => r.id),
    );
    const seen = new Map<string, number>();
    for (const r of receiver.received) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    for (const id of duplicates) assert.ok(victimEvents.has(id), `duplicate ${id} was the victim's`);
    t.diagnostic(`${victim.seqs.length} rows taken over, ${duplicates.length} delivered twice`);
  });
});
