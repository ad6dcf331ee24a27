// `npm run bench:soak`: the server under hours-like load, with processes killed under it (issue 11).
// - soak: SOAK_TENANTS=10 tenants × SOAK_RATE=25 requests/s of Okta's create mix for SOAK_SECONDS=600,
//   on SQLite (1 process) and PostgreSQL (SOAK_WORKERS=3): status classes, p50/p99, RSS growth over the
//   last 5 minutes (the last half of a shorter run);
// - chaos: the same load on PostgreSQL for CHAOS_SECONDS=300, one worker SIGKILLed every
//   CHAOS_KILL_EVERY=30 s: which requests failed, and whether every acknowledged change's event arrived;
// - outbox: OUTBOX_CHANGES=10000 changes (OUTBOX_CONCURRENCY=10 at once) with a receiver failing
//   OUTBOX_FAILURE=0.3 of deliveries and the server SIGKILLed and restarted twice: events missing,
//   duplicates, the time to drain.
// Each tenant starts with SOAK_USERS=2000 users; SOAK_RUN picks scenarios (default: all of
// soak-sqlite,soak-postgres,chaos,outbox-sqlite,outbox-postgres). SCIMITAR_* settings pass through.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { childPids, connectionOwners, errorLogLines, isAlive } from '../test/support/pg-processes.ts';
import { type Receiver, startReceiver } from '../test/support/webhook-receiver.ts';
import { failures, printTable, type Tally, tally } from './figures.ts';
import { CREATE_MIX, type Op, type Tenant, WRITES } from './okta-mix.ts';
import { client, pacedLoad, type Sent } from './paced-load.ts';
import { rssKb, type Scimitar, serverPids, startScimitar, stopProcess } from './processes.ts';
import { type Arrivals, arrivals, drained, type Engine, soakTenants, withDatabase } from './soak-setup.ts';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SOAK_SECONDS = setting('SOAK_SECONDS', 600);
const RATE = setting('SOAK_RATE', 25);
const TENANTS = setting('SOAK_TENANTS', 10);
const USERS = setting('SOAK_USERS', 2000);
const WORKERS = setting('SOAK_WORKERS', 3);
const CHAOS_SECONDS = setting('CHAOS_SECONDS', 300);
const KILL_EVERY = setting('CHAOS_KILL_EVERY', 30);
const CHANGES = setting('OUTBOX_CHANGES', 10_000);
const CONCURRENCY = setting('OUTBOX_CONCURRENCY', 10);
const FAILURE = setting('OUTBOX_FAILURE', 0.3);
const RUN = (process.env.SOAK_RUN ?? 'soak-sqlite,soak-postgres,chaos,outbox-sqlite,outbox-postgres').split(
  ',',
);
/** How often the soak samples the server's RSS, and the window its growth is measured over. */
const RSS_EVERY = 5;
const RSS_WINDOW = Math.min(300, Math.floor(SOAK_SECONDS / 2));
/** How long the events of acknowledged changes may take to arrive once the load has stopped. */
const DRAIN_TIMEOUT_MS = 600_000;

// Short leases and retries, so a killed process's deliveries and the failed ones come back within the
// run; the rate limit stays at its default, far above SOAK_RATE. SCIMITAR_* in the environment win.
const SERVER_ENV = {
  SCIMITAR_RATE_LIMIT: '200',
  SCIMITAR_WEBHOOK_LEASE_MS: '5000',
  SCIMITAR_WEBHOOK_POLL_MS: '200',
  SCIMITAR_WEBHOOK_TIMEOUT_MS: '2000',
  SCIMITAR_WEBHOOK_BACKOFF_MS: '100',
  SCIMITAR_WEBHOOK_MAX_BACKOFF_MS: '2000',
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SCIMITAR_'))),
};

const mb = (kb: number) => (kb / 1024).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const serverErrors = (server: Scimitar) => errorLogLines(server.stderr()).length;
let problems = 0;
const check = (ok: boolean) => {
  if (!ok) problems++;
  return ok ? '' : '  ✗';
};

interface Setup {
  readonly tenants: Tenant[];
  readonly events: Arrivals;
  readonly receiver: Receiver;
  /** The server now: restart() replaces it. */
  server(): Scimitar;
  /** Kills every process of the server with SIGKILL and starts it again on the same port. */
  restart(): Promise<void>;
}

/** A scenario's server: `workers` processes on a fresh database with tenants hooked to a receiver. */
async function scenario(
  engine: Engine,
  workers: number,
  receiverFails: number,
  weights: Readonly<Record<Op, number>>,
  run: (setup: Setup) => Promise<void>,
): Promise<void> {
  const receiver = await startReceiver(() => (Math.random() < receiverFails ? 500 : 204));
  try {
    return await withDatabase(engine, async (database) => {
      const tenants = await soakTenants(database, TENANTS, USERS, receiver.url, weights);
      let server = await startScimitar(database, workers, SERVER_ENV);
      const restart = async () => {
        const pids = serverPids(server.child);
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        while (pids.some(isAlive)) await sleep(20);
        server = await startScimitar(database, workers, SERVER_ENV, Number(new URL(server.origin).port));
      };
      try {
        return await run({
          tenants,
          events: arrivals(receiver, tenants),
          receiver,
          server: () => server,
          restart,
        });
      } finally {
        await stopProcess(server.child);
      }
    });
  } finally {
    await receiver.close();
  }
}

const LOAD_HEADER = ['scenario', 'requests', '2xx', 'failed', 'p50 ms', 'p99 ms'];
/** The load's figures; `ok` says whether its failures are allowed (a 5xx never is). */
const loadCells = (t: Tally, ok = true) => [
  t.requests,
  t.outcomes['2xx'] ?? 0,
  `${failures(t)}${check(ok && (t.outcomes['5xx'] ?? 0) === 0)}`,
  t.p50.toFixed(1),
  t.p99.toFixed(1),
];
const eventCells = (events: Arrivals, drainMs: number) => [
  `${events.missing()}${check(events.missing() === 0)}`,
  events.duplicates(),
  seconds(drainMs),
];
const soakRows: (string | number)[][] = [
  [
    ...LOAD_HEADER,
    `RSS MB, last ${RSS_WINDOW} s`,
    'growth MB',
    'errors logged',
    'events missing',
    'dup',
    'drain s',
  ],
];

async function soak(engine: Engine, workers: number) {
  const label = `soak ${engine}×${workers}`;
  console.log(`${label}: ${TENANTS} tenants × ${RATE}/s for ${SOAK_SECONDS} s`);
  await scenario(engine, workers, 0, CREATE_MIX, async ({ server, tenants, events }) => {
    const via = client(server().origin);
    const rss = new Map<number, number>();
    const sample = (second: number) => rss.set(second, sum(serverPids(server().child).map(rssKb)));
    const sent = await pacedLoad(via, tenants, RATE, SOAK_SECONDS, (s) => {
      if (s % RSS_EVERY === 0) sample(s);
    });
    sample(SOAK_SECONDS);
    via.close();
    const drainMs = await drained(events, DRAIN_TIMEOUT_MS);
    const from = [...rss.keys()].findLast((s) => s <= SOAK_SECONDS - RSS_WINDOW) ?? 0;
    const [start, end] = [rss.get(from) ?? 0, rss.get(SOAK_SECONDS) ?? 0];
    const logged = serverErrors(server());
    soakRows.push([
      label,
      ...loadCells(tally(sent)),
      `${mb(start)} → ${mb(end)}`,
      mb(end - start),
      `${logged}${check(logged === 0)}`,
      ...eventCells(events, drainMs),
    ]);
  });
}

const chaosRows: (string | number)[][] = [
  [
    ...LOAD_HEADER,
    'kills',
    'in flight on killed',
    'failed on killed sockets',
    'other failures',
    'events missing',
    'dup',
    'drain s',
  ],
];

/** One worker SIGKILLed every KILL_EVERY s; failures must all be on the killed workers' connections. */
async function chaos(workers: number) {
  const label = `chaos postgres×${workers}`;
  console.log(
    `${label}: ${TENANTS} tenants × ${RATE}/s for ${CHAOS_SECONDS} s, a kill every ${KILL_EVERY} s`,
  );
  await scenario('postgres', workers, 0, CREATE_MIX, async ({ server, tenants, events }) => {
    const via = client(server().origin);
    const port = Number(new URL(server().origin).port);
    const killed = new WeakSet<Socket>();
    let kills = 0;
    let inFlightAtKills = 0;
    const kill = () => {
      const live = childPids(server().child.pid ?? 0).filter(isAlive);
      const victim = live[kills++ % live.length];
      if (victim === undefined) return;
      const owners = connectionOwners(port, live);
      for (const socket of via.sockets) if (owners.get(socket.localPort ?? 0) === victim) killed.add(socket);
      inFlightAtKills += [...via.inFlight].filter((s) => s.socket && killed.has(s.socket)).length;
      process.kill(victim, 'SIGKILL');
    };
    const half = Math.floor(KILL_EVERY / 2);
    const sent = await pacedLoad(via, tenants, RATE, CHAOS_SECONDS, (s) => {
      if (s >= half && (s - half) % KILL_EVERY === 0) kill();
    });
    via.close();
    const drainMs = await drained(events, DRAIN_TIMEOUT_MS);
    const failed = sent.filter((s) => s.error !== undefined);
    const onKilled = failed.filter((s) => s.socket && killed.has(s.socket)).length;
    chaosRows.push([
      label,
      ...loadCells(tally(sent), failed.length === onKilled),
      kills,
      inFlightAtKills,
      onKilled,
      failed.length - onKilled,
      ...eventCells(events, drainMs),
    ]);
  });
}

const outboxRows: (string | number)[][] = [
  [
    'scenario',
    'changes',
    'write s',
    'failed requests',
    'attempts',
    'answered 5xx',
    'events',
    'events missing',
    'dup',
    'drain s',
  ],
];

/** CHANGES acknowledged changes by CONCURRENCY writers, the server killed and restarted at ⅓ and ⅔. */
async function outbox(engine: Engine, workers: number) {
  const label = `outbox ${engine}×${workers}`;
  console.log(`${label}: ${CHANGES} changes, ${FAILURE * 100} % of deliveries failing, 2 restarts`);
  await scenario(engine, workers, FAILURE, WRITES, async ({ server, restart, tenants, events, receiver }) => {
    const via = client(server().origin);
    const changes = () => sum(tenants.map((t) => t.acknowledged.size));
    const restartsAt = [CHANGES / 3, (2 * CHANGES) / 3];
    let restarting: Promise<void> | undefined;
    const sent: Sent[] = [];
    const started = performance.now();
    const writer = async (first: number) => {
      for (let n = first; changes() < CHANGES; n += CONCURRENCY) {
        const tenant = tenants[n % tenants.length];
        if (!tenant) break;
        const s = await via.send(tenant, tenant.next());
        sent.push(s);
        if (s.error !== undefined) await sleep(50); // the server is down: it comes back in a moment
        if (!restarting && changes() >= (restartsAt[0] ?? Number.POSITIVE_INFINITY)) {
          restartsAt.shift();
          restarting = restart().then(() => {
            restarting = undefined;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => writer(i)));
    await restarting;
    const writeMs = performance.now() - started;
    via.close();
    const drainMs = await drained(events, DRAIN_TIMEOUT_MS);
    const written = tally(sent);
    outboxRows.push([
      label,
      changes(),
      seconds(writeMs),
      `${failures(written)}${check((written.outcomes['5xx'] ?? 0) === 0)}`,
      receiver.received.length,
      receiver.received.length - receiver.accepted.length,
      events.events(),
      ...eventCells(events, drainMs),
    ]);
  });
}

for (const name of RUN) {
  if (name === 'soak-sqlite') await soak('sqlite', 1);
  else if (name === 'soak-postgres') await soak('postgres', WORKERS);
  else if (name === 'chaos') await chaos(WORKERS);
  else if (name === 'outbox-sqlite') await outbox('sqlite', 1);
  else if (name === 'outbox-postgres') await outbox('postgres', WORKERS);
  else throw new Error(`SOAK_RUN: unknown scenario '${name}'`);
}
if (soakRows.length > 1) printTable('== soak', soakRows);
if (chaosRows.length > 1) printTable('== chaos', chaosRows);
if (outboxRows.length > 1) printTable('== outbox', outboxRows);
if (problems > 0) {
  console.error(`\n${problems} figure(s) marked ✗ fail what issue 11 asks`);
  process.exitCode = 1;
}
