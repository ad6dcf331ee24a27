import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServeProcess } from '../support/cli.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { type Cluster, startCluster } from '../support/pg-cluster.ts';
import {
  assertRunning,
  assertStatuses,
  errorLogLines,
  killStrayServers,
  startServers,
  stderrOf,
  stopServers,
  type TimedResponse,
  timedRequest,
  tokenIn,
  waitFor,
} from '../support/pg-processes.ts';
import { expectScimError, USER } from '../support/scim-client.ts';

// Reliability C5: PostgreSQL goes away for a few seconds under load and comes back. Three `serve`
// processes on a cluster of this file's own (the shared one is never stopped) answer 503 with
// Retry-After while it is down, never a 500 and never a hang, report it on /readyz, recover by
// themselves, and lose nothing they acknowledged.

/** Longer than the pool's 3 s connect timeout: no request may take longer than this, down or up. */
const REQUEST_TIMEOUT_MS = 5_000;
const CLIENTS = 4;

type Phase = 'up' | 'down' | 'recovering' | 'recovered';

interface Sample {
  readonly phase: Phase;
  readonly op: string;
  readonly res?: TimedResponse;
  readonly error?: unknown;
}

let cluster: Cluster;
let servers: ServeProcess[] = [];
let stderr: (() => string)[] = [];

before(async () => {
  cluster = await startCluster();
});

after(async () => {
  await stopServers(servers);
  killStrayServers();
  cluster?.destroy();
});

async function readiness(origin: string): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    assertRunning(servers, stderr);
    throw error;
  }
}

/** Resolves once /readyz of every process answers `status`, or fails after `timeoutMs`. */
function allReadyz(status: number, timeoutMs: number): Promise<true> {
  return waitFor(
    `/readyz ${status} on every process`,
    async () => {
      const answers = await Promise.all(servers.map((s) => readiness(s.origin)));
      return answers.every((a) => a.status === status) ? true : undefined;
    },
    timeoutMs,
    50,
  );
}

test('PostgreSQL down for a few seconds under load: 503 + Retry-After, /readyz follows, nothing acknowledged is lost', async (t) => {
  const { database } = await freshPostgresDatabase(cluster.url);
  servers = await startServers(database, 3);
  stderr = servers.map(stderrOf);
  const token = servers.map((s) => tokenIn(s.output())).find(Boolean) ?? '';
  assert.ok(token);
  const base = (i: number) => `${servers[i % servers.length]?.origin}/tenants/default/scim/v2`;

  let phase: Phase = 'up';
  let running = true;
  const samples: Sample[] = [];
  const acknowledged = new Map<string, string>();

  async function send(
    op: string,
    ...args: Parameters<typeof timedRequest>
  ): Promise<TimedResponse | undefined> {
    const at = phase;
    try {
      const res = await timedRequest(...args);
      samples.push({ phase: at, op, res });
      return res;
    } catch (error) {
      samples.push({ phase: at, op, error });
      return undefined;
    }
  }

  // Each client creates a user on one process and reads it back from the next, round-robin.
  async function client(c: number): Promise<void> {
    for (let i = 0; running; i++) {
      const userName = `load${c}-${i}@example.com`;
      const created = await send(
        'create',
        `${base(c + i)}/Users`,
        token,
        'POST',
        { schemas: [USER], userName },
        {},
        REQUEST_TIMEOUT_MS,
      );
      if (created?.status === 201) {
        acknowledged.set(userName, created.body.id);
        await send(
          'get',
          `${base(c + i + 1)}/Users/${created.body.id}`,
          token,
          'GET',
          undefined,
          {},
          REQUEST_TIMEOUT_MS,
        );
      }
      await sleep(20);
    }
  }
  const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  let readyzDownMs: number;
  try {
    await sleep(1_000);
    // And a burst in flight at the moment it stops: transactions open on every process.
    const burst = Array.from({ length: 60 }, async (_, i) => {
      const userName = `burst${i}@example.com`;
      const body = { schemas: [USER], userName };
      const res = await send(
        'create in flight',
        `${base(i)}/Users`,
        token,
        'POST',
        body,
        {},
        REQUEST_TIMEOUT_MS,
      );
      if (res?.status === 201) acknowledged.set(userName, res.body.id);
    });
    await sleep(40);
    const stoppedAt = Date.now();
    cluster.stop();
    phase = 'down';
    await Promise.all(burst);
    await allReadyz(503, 5_000);
    readyzDownMs = Date.now() - stoppedAt;
    const down = await readiness(servers[0]?.origin ?? '');
    assert.deepEqual(JSON.parse(down.body), { status: 'unavailable' });
    await sleep(2_500);

    phase = 'recovering';
    cluster.start();
    await allReadyz(200, 10_000);
    phase = 'recovered';
    await sleep(1_500);
  } finally {
    // Even when an assertion above failed: a load loop left running would keep this process alive.
    running = false;
    await load;
  }

  // Every process lived through it, and no request hung or failed: each got an answer in time.
  assertRunning(servers, stderr);
  const failed = samples.filter((s) => s.error !== undefined);
  assert.deepEqual(
    failed.map((s) => `${s.phase} ${s.op}: ${String(s.error)}`),
    [],
  );
  const answered = samples.map((s) => s.res as TimedResponse);
  const inPhase = (p: Phase) => samples.filter((s) => s.phase === p).map((s) => s.res as TimedResponse);
  const statuses = (list: TimedResponse[]) => list.map((r) => r.status);
  for (const p of ['up', 'down', 'recovering', 'recovered'] as const) {
    const counts: Record<number, number> = {};
    for (const r of inPhase(p)) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const slowest = Math.max(0, ...inPhase(p).map((r) => r.ms));
    t.diagnostic(`${p}: ${JSON.stringify(counts)}, slowest ${Math.round(slowest)} ms`);
  }
  t.diagnostic(
    `/readyz went 503 ${readyzDownMs} ms after the stop; ${acknowledged.size} creates acknowledged`,
  );

  // Never a 500, a 401 or a 404: only success or "unavailable, retry".
  assertStatuses('all requests', statuses(answered), [200, 201, 503]);
  // Every request sent after PostgreSQL had stopped, and before it was started again, got a 503.
  assert.ok(inPhase('down').length >= 8, `only ${inPhase('down').length} requests while down`);
  assertStatuses('while down', statuses(inPhase('down')), [503]);
  for (const res of answered.filter((r) => r.status === 503)) {
    expectScimError(res, 503);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After is a whole number of seconds');
  }
  // Every request sent once /readyz was 200 everywhere succeeded: no broken pooled connection lingers.
  assert.ok(inPhase('recovered').length >= 8, `only ${inPhase('recovered').length} requests after recovery`);
  assertStatuses('after recovery', statuses(inPhase('recovered')), [200, 201]);
  assert.ok(inPhase('up').some((r) => r.status === 201));
  assert.ok(readyzDownMs < 5_000);

  // Everything acknowledged with a 201, before, during or after the outage, is there, exactly once.
  const listed = new Map<string, string>();
  for (let startIndex = 1; ; startIndex += 1_000) {
    const page = await timedRequest(`${base(0)}/Users?startIndex=${startIndex}&count=1000`, token, 'GET');
    assert.equal(page.status, 200);
    for (const u of page.body.Resources ?? []) listed.set(u.userName, u.id);
    if (startIndex + 1_000 > page.body.totalResults) {
      assert.equal(page.body.totalResults, listed.size, 'totalResults counts what is stored');
      break;
    }
  }
  for (const [userName, id] of acknowledged)
    assert.equal(listed.get(userName), id, `${userName} was acknowledged`);

  for (const s of servers) assert.deepEqual(errorLogLines(s.output()), []);
  assert.deepEqual(await stopServers(servers), [0, 0, 0]);
});
