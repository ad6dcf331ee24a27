// `npm run bench`: Scimitar on a real port against a bare node:http reference, both seeded alike.
// SQLite at BENCH_SIZES=10000,1000000 users (empty skips it); PostgreSQL (a throwaway cluster with fsync on) at
// BENCH_PG_SIZE=100000 users with BENCH_PG_WORKERS=1,3 server processes (BENCH_PG_SIZE=0 skips it).
// BENCH_SECONDS=5 per scenario, BENCH_CONNECTIONS=10. The noisy-neighbour scenario (SQLite) runs
// BENCH_NOISY_SECONDS=10 twice (0 skips it) with a rate limit of BENCH_NOISY_LIMIT=50 requests/s.
// BENCH_BIN runs another build of the server (e.g. an older dist/cli/main.js) for comparison.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { BULK_REQUEST } from '../src/scim/bulk/bulk-request.ts';
import { USER_SCHEMA } from '../src/scim/schema/core-user.ts';
import type { TenantId } from '../src/store/port.ts';
import { cpuMs, rssKb, startDurableCluster, startProcess, startScimitar, stopProcess } from './processes.ts';
import { type Seeded, seed } from './seed.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number).filter(Boolean);
const PG_SIZE = Number(process.env.BENCH_PG_SIZE ?? 100_000);
const PG_WORKERS = (process.env.BENCH_PG_WORKERS ?? '1,3').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const NOISY_SECONDS = Number(process.env.BENCH_NOISY_SECONDS ?? 10);
const NOISY_LIMIT = Number(process.env.BENCH_NOISY_LIMIT ?? 50);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Row {
  /** e.g. `sqlite 10,000` or `postgres×3 100,000`: which server and directory a figure belongs to. */
  readonly target: string;
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}
const rows: Row[] = [];

type Context = { user?: string };
/** A request whose setup hook keeps per-connection state (autocannon passes one context per connection). */
type Request = Omit<autocannon.Request, 'setupRequest'> & {
  setupRequest?: (req: autocannon.Request, ctx: Context) => autocannon.Request;
};

async function run(
  target: string,
  name: string,
  url: string,
  requests: Request[],
  headers: Record<string, string> = {},
) {
  const options = { url, connections: CONNECTIONS, headers, requests: requests as autocannon.Request[] };
  await autocannon({ ...options, duration: 1 }); // warm-up: let V8 optimise the path first
  record(target, name, await autocannon({ ...options, duration: SECONDS }));
}

/** Keeps one scenario's figures for the summary and prints them. */
function record(target: string, name: string, result: autocannon.Result): void {
  const row = {
    target,
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  rows.push(row);
  console.log(
    `  ${name.padEnd(34)} ${String(row.rps).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${row.errors ? `  ERRORS ${row.errors}` : ''}`,
  );
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const randomUser = (size: number) => `user${Math.floor(Math.random() * size)}@example.com`;

interface Target {
  readonly label: string;
  readonly size: number;
  readonly base: string;
  readonly token: string;
  readonly seeded: Seeded;
}

/** The reference server, seeded with `size` users; answers until killed. */
async function startReference(size: number) {
  const { child, match } = await startProcess(
    ['--import', 'tsx', resolve('bench/reference-server.ts'), String(size)],
    {},
    /^(\d+)\n/,
  );
  return { child, url: `http://127.0.0.1:${match[1]}` };
}

async function startBench(database: string, workers: number, env: NodeJS.ProcessEnv = {}) {
  const server = await startScimitar(database, workers, env);
  return { child: server.child, base: `${server.origin}/tenants/bench/scim/v2` };
}

async function referenceScenarios(target: string, size: number, ref: string) {
  await run(target, 'reference: userName eq lookup', ref, lookup('', size));
  await run(target, 'reference: GET by id', ref, [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/Users/ref-${Math.floor(Math.random() * size)}` }),
    },
  ]);
  await run(target, 'reference: list page of 100', ref, [
    { method: 'GET', path: '/Users?startIndex=1&count=100' },
  ]);
}

function lookup(prefix: string, size: number): Request[] {
  return [
    {
      method: 'GET',
      path: prefix,
      setupRequest: (req) => ({
        ...req,
        path: `${prefix}/Users?filter=${encodeURIComponent(`userName eq "${randomUser(size)}"`)}`,
      }),
    },
  ];
}

/** The cursor of the page that starts after `depth` users, found as a client would: by walking to it. */
async function cursorAt(base: string, token: string, depth: number): Promise<string> {
  const step = 1000;
  let cursor = '';
  for (let walked = 0; walked < depth; walked += step) {
    const url = `${base}/Users?cursor=${encodeURIComponent(cursor)}&count=${Math.min(step, depth - walked)}&attributes=id`;
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { nextCursor?: string };
    if (!res.ok || body.nextCursor === undefined)
      throw new Error(`the walk to ${depth} stopped at ${walked}`);
    cursor = body.nextCursor;
  }
  return cursor;
}

async function scimitarScenarios({ label, size, base, token, seeded }: Target) {
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };
  const path = new URL(base).pathname;
  const free = seeded.userIds.slice(-1000);
  await run(label, 'scimitar:  userName eq lookup', base, lookup(path, size), auth);
  await run(
    label,
    'scimitar:  GET by id',
    base,
    [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${path}/Users/${pick(seeded.userIds)}` }) }],
    auth,
  );
  await run(
    label,
    'scimitar:  list page of 100',
    base,
    [{ method: 'GET', path: `${path}/Users?startIndex=1&count=100` }],
    auth,
  );
  // A page 90% deep into the directory (startIndex=900001 at 1,000,000 users), by startIndex (an OFFSET)
  // and by cursor (a keyset seek).
  const depth = Math.floor(size * 0.9);
  await run(
    label,
    'scimitar:  90% deep, startIndex',
    base,
    [{ method: 'GET', path: `${path}/Users?startIndex=${depth + 1}&count=100` }],
    auth,
  );
  const deep = await cursorAt(base, token, depth);
  await run(
    label,
    'scimitar:  90% deep, cursor',
    base,
    [{ method: 'GET', path: `${path}/Users?cursor=${encodeURIComponent(deep)}&count=100` }],
    auth,
  );
  const toggle = (active: boolean): Request => ({
    method: 'PATCH',
    setupRequest: (req, ctx) => {
      if (active === false) ctx.user = pick(seeded.userIds);
      return {
        ...req,
        path: `${path}/Users/${ctx.user}`,
        body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active } }] }),
      };
    },
  });
  await run(label, 'scimitar:  deactivate/reactivate PATCH', base, [toggle(false), toggle(true)], auth);
  let created = 0;
  await run(
    label,
    'scimitar:  create user',
    base,
    [
      {
        method: 'POST',
        path: `${path}/Users`,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: `new${created++}-${label.replace(/\W/g, '')}@example.com`,
            active: true,
          }),
        }),
      },
    ],
    auth,
  );
  await bulkVersusSingle(label, base, token);
  for (const [members, group] of Object.entries(seeded.groups)) {
    const member = (op: 'add' | 'remove'): Request => ({
      method: 'PATCH',
      setupRequest: (req, ctx) => {
        if (op === 'add') ctx.user = pick(free);
        const operation =
          op === 'add'
            ? { op, path: 'members', value: [{ value: ctx.user }] }
            : { op, path: `members[value eq "${ctx.user}"]` };
        return {
          ...req,
          path: `${path}/Groups/${group}`,
          body: JSON.stringify({ schemas: [PATCH_OP], Operations: [operation] }),
        };
      },
    });
    await run(
      label,
      `scimitar:  member add/remove @${Number(members).toLocaleString('en')}`,
      base,
      [member('add'), member('remove')],
      auth,
    );
  }
}

/**
 * 1,000 creates sent as one POST /Bulk against the same 1,000 as single POSTs, BENCH_CONNECTIONS at a
 * time: each bulk operation runs as its own request would (a transaction, an audit entry, an event), so
 * the bulk should cost about the same, or less.
 */
async function bulkVersusSingle(label: string, base: string, token: string) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };
  const tag = `${label.replace(/\W/g, '')}-${Date.now()}`;
  const user = (name: string) => ({ schemas: [USER_SCHEMA], userName: `${name}-${tag}@example.com` });
  const timed = async (work: () => Promise<number>) => {
    const started = performance.now();
    const failures = await work();
    return { ms: performance.now() - started, failures };
  };
  const bulk = await timed(async () => {
    const Operations = Array.from({ length: 1000 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `u${i}`,
      data: user(`bulk${i}`),
    }));
    const res = await fetch(`${base}/Bulk`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ schemas: [BULK_REQUEST], Operations }),
    });
    const body = (await res.json()) as { Operations?: { status: string }[] };
    return res.status === 200 ? (body.Operations ?? []).filter((op) => op.status !== '201').length : 1000;
  });
  const single = await timed(async () => {
    let next = 0;
    let failures = 0;
    const worker = async () => {
      for (let i = next++; i < 1000; i = next++) {
        const res = await fetch(`${base}/Users`, {
          method: 'POST',
          headers,
          body: JSON.stringify(user(`one${i}`)),
        });
        await res.arrayBuffer();
        if (res.status !== 201) failures++;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return failures;
  });
  for (const [name, { ms, failures }] of [
    ['1,000 creates as one bulk', bulk],
    [`1,000 creates, ${CONNECTIONS} at a time`, single],
  ] as const) {
    rows.push({
      target: label,
      name: `scimitar:  ${name}`,
      rps: Math.round(1000 / (ms / 1000)),
      p50: 0,
      p99: 0,
      errors: failures,
    });
    console.log(
      `  ${name.padEnd(34)} ${Math.round(ms)} ms (${Math.round(1000 / (ms / 1000))} creates/s)${failures ? `  ERRORS ${failures}` : ''}`,
    );
  }
}

async function seeded(database: string, size: number, groupSizes: number[]): Promise<Seeded> {
  console.log(`  seeding ${size.toLocaleString('en')} users…`);
  const started = Date.now();
  const result = await seed(database, size, groupSizes);
  console.log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function benchSqlite(size: number) {
  const label = `sqlite ${size.toLocaleString('en')}`;
  console.log(`\n== ${label} users`);
  const dir = mkdtempSync(join(tmpdir(), 'scimitar-bench-'));
  const database = join(dir, 'bench.db');
  const groupSizes = size >= 1_000_000 ? [100, 10_000, 100_000] : [100, Math.min(10_000, size - 1000)];
  const data = await seeded(database, size, groupSizes);
  const reference = await startReference(size);
  const server = await startBench(database, 1);
  try {
    await referenceScenarios(label, size, reference.url);
    await scimitarScenarios({ label, size, base: server.base, token: data.token, seeded: data });
    console.log(`  server RSS: ${Math.round(rssKb(server.child.pid) / 1024)} MB`);
  } finally {
    server.child.kill('SIGTERM');
    reference.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL with 1 and 3 processes on one database: the scale-out path, and how far it scales here. */
async function benchPostgres(size: number) {
  const cluster = await startDurableCluster();
  const url = new URL(cluster.url);
  url.pathname = '/postgres';
  const reference = await startReference(size);
  try {
    console.log(`\n== postgres ${size.toLocaleString('en')} users`);
    const data = await seeded(url.toString(), size, [100, Math.min(10_000, size - 1000)]);
    await referenceScenarios(`postgres ${size.toLocaleString('en')}`, size, reference.url);
    for (const workers of PG_WORKERS) {
      const label = `postgres×${workers} ${size.toLocaleString('en')}`;
      console.log(`\n== ${label} users`);
      const server = await startBench(url.toString(), workers);
      try {
        await scimitarScenarios({ label, size, base: server.base, token: data.token, seeded: data });
      } finally {
        await stopProcess(server.child);
      }
    }
  } finally {
    reference.child.kill('SIGTERM');
    cluster.destroy();
  }
}

/** Runs the autocannon bin in its own process, so the load it makes does not slow this one's timings. */
function loadProcess(url: string, token: string, rate: number, seconds: number) {
  const bin = resolve('node_modules/autocannon/autocannon.js');
  const args = [bin, '-j', '-R', String(rate), '-c', '20', '-d', String(seconds)];
  const child = spawn(process.execPath, [...args, '-H', `Authorization=Bearer ${token}`, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise<autocannon.Result>((done) => child.once('exit', () => done(JSON.parse(out))));
}

/**
 * A tenant hammering at 10× its rate limit must cost another tenant little: the bystander's p99 at a
 * modest steady rate, alone and beside the noisy one (whose excess is answered 429 before its
 * credential, body or database are touched). Request logging is on, as in production.
 */
async function benchNoisyNeighbour() {
  const label = 'noisy neighbour';
  console.log(`\n== ${label}: limit ${NOISY_LIMIT}/s per tenant, one tenant sending ${NOISY_LIMIT * 10}/s`);
  const dir = mkdtempSync(join(tmpdir(), 'scimitar-bench-'));
  const database = join(dir, 'bench.db');
  const bystander = await seeded(database, 1_000, []);
  const noisy = await seed(database, 0, [], 'noisy' as TenantId);
  const limit = String(NOISY_LIMIT);
  const server = await startBench(database, 1, {
    SCIMITAR_LOG_LEVEL: 'info',
    SCIMITAR_RATE_LIMIT: limit,
    SCIMITAR_RATE_BURST: limit,
  });
  const path = new URL(server.base).pathname;
  const byId: Request[] = [
    { method: 'GET', setupRequest: (req) => ({ ...req, path: `${path}/Users/${pick(bystander.userIds)}` }) },
  ];
  const options = {
    url: server.base,
    connections: 2,
    // Half its own limit: the bystander is never over it.
    overallRate: Math.max(1, NOISY_LIMIT / 2),
    headers: { Authorization: `Bearer ${bystander.token}` },
    requests: byId as autocannon.Request[],
  };
  /** The bystander's figures, and the server's CPU per second meanwhile. */
  const measure = async (name: string) => {
    const before = cpuMs(server.child.pid);
    record(label, name, await autocannon({ ...options, duration: NOISY_SECONDS }));
    return (cpuMs(server.child.pid) - before) / NOISY_SECONDS;
  };
  try {
    await autocannon({ ...options, duration: 1 }); // warm-up
    const quiet = await measure('bystander alone');
    const noisyBase = server.base.replace('/tenants/bench/', '/tenants/noisy/');
    const load = loadProcess(
      `${noisyBase}/Users?count=100`,
      noisy.token,
      NOISY_LIMIT * 10,
      NOISY_SECONDS + 2,
    );
    await new Promise((wait) => setTimeout(wait, 1_000));
    const busy = await measure('bystander beside noisy tenant');
    const flood = await load;
    console.log(
      `  noisy tenant: ${flood.requests.total} requests, ${flood['2xx']} served, ${flood.non2xx} refused (429)`,
    );
    const perRequest = ((busy - quiet) * 1000) / (flood.requests.total / (NOISY_SECONDS + 2));
    console.log(
      `  server CPU: ${Math.round(quiet)} ms/s alone, ${Math.round(busy)} ms/s beside it: ~${Math.round(perRequest)} µs per noisy request`,
    );
  } finally {
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function rps(target: string, name: string): number | undefined {
  return rows.find((r) => r.target === target && r.name === name)?.rps;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a && b ? (a / b).toFixed(2) : 'n/a';
}

if (NOISY_SECONDS > 0) await benchNoisyNeighbour();
for (const size of SIZES) await benchSqlite(size);
if (PG_SIZE > 0) await benchPostgres(PG_SIZE);

const SCENARIOS = ['userName eq lookup', 'GET by id', 'list page of 100'];
console.log('\n== ratios (req/s)');
const compared = rows.filter((r) => r.target !== 'noisy neighbour').map((r) => r.target);
for (const target of [...new Set(compared)].filter((t) => !/^postgres \d/.test(t))) {
  const referenceTarget = target.replace(/^postgres×\d+/, 'postgres');
  for (const what of SCENARIOS) {
    const x = rps(target, `scimitar:  ${what}`);
    console.log(
      `  ${target} users, ${what}: scimitar/reference = ${ratio(x, rps(referenceTarget, `reference: ${what}`))}`,
    );
  }
  const bulk = rps(target, 'scimitar:  1,000 creates as one bulk');
  const single = rps(target, `scimitar:  1,000 creates, ${CONNECTIONS} at a time`);
  console.log(
    `  ${target} users, 1,000 creates as one bulk vs as single requests: ${ratio(bulk, single)}× the creates/s`,
  );
  const groups = rows.filter((r) => r.target === target && r.name.includes('member add/remove'));
  const smallest = groups[0];
  for (const g of groups.slice(1)) {
    console.log(
      `  ${target} users, ${g.name.split('@')[1]} members vs 100: cost ratio (p50) = ${(g.p50 / Math.max(smallest?.p50 ?? 1, 1)).toFixed(2)}, req/s ratio = ${((smallest?.rps ?? 0) / g.rps).toFixed(2)}`,
    );
  }
}
if (SIZES.length > 1) {
  const [small, large] = [SIZES[0] ?? 0, SIZES[SIZES.length - 1] ?? 0];
  const name = 'scimitar:  userName eq lookup';
  console.log(
    `  lookup at ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} users: req/s ratio = ${ratio(rps(`sqlite ${small.toLocaleString('en')}`, name), rps(`sqlite ${large.toLocaleString('en')}`, name))}`,
  );
}
if (PG_SIZE > 0 && PG_WORKERS.length > 1) {
  const [one, many] = [PG_WORKERS[0], PG_WORKERS[PG_WORKERS.length - 1]];
  for (const row of rows.filter((r) => r.target === `postgres×${one} ${PG_SIZE.toLocaleString('en')}`)) {
    const scaled = rps(`postgres×${many} ${PG_SIZE.toLocaleString('en')}`, row.name);
    console.log(
      `  postgres ${many} vs ${one} processes, ${row.name.replace('scimitar:  ', '')}: ${ratio(scaled, row.rps)}×`,
    );
  }
}
const failed = rows.filter((r) => r.errors > 0);
if (failed.length > 0) {
  console.error(`\n${failed.length} scenario(s) had errors or non-2xx answers`);
  process.exitCode = 1;
}
