// `npm run bench`: Scimitar on a real port against a bare node:http reference, both seeded alike.
// BENCH_SIZES=10000,1000000 (directory sizes), BENCH_SECONDS=5 (per scenario), BENCH_CONNECTIONS=10.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { seed } from './seed.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Row {
  readonly size: number;
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}
const rows: Row[] = [];

function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) {
        child.removeAllListeners('exit');
        done({ child, match });
      }
    });
  });
}

type Context = { user?: string };
/** A request whose setup hook keeps per-connection state (autocannon passes one context per connection). */
type Request = Omit<autocannon.Request, 'setupRequest'> & {
  setupRequest?: (req: autocannon.Request, ctx: Context) => autocannon.Request;
};

async function run(
  size: number,
  name: string,
  url: string,
  requests: Request[],
  headers: Record<string, string> = {},
) {
  const options = { url, connections: CONNECTIONS, headers, requests: requests as autocannon.Request[] };
  await autocannon({ ...options, duration: 1 }); // warm-up: let V8 optimise the path first
  const result = await autocannon({ ...options, duration: SECONDS });
  const row = {
    size,
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

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

async function benchSize(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'scimitar-bench-'));
  const database = join(dir, 'bench.db');
  const groupSizes = size >= 1_000_000 ? [100, 10_000, 100_000] : [100, Math.min(10_000, size - 1000)];
  console.log(`\n== ${size.toLocaleString('en')} users (seeding…)`);
  const seeded0 = Date.now();
  const seeded = await seed(database, size, groupSizes);
  console.log(`  seeded in ${((Date.now() - seeded0) / 1000).toFixed(1)} s`);
  const free = seeded.userIds.slice(-1000);

  const reference = await start(
    ['--import', 'tsx', resolve('bench/reference-server.ts'), String(size)],
    {},
    /^(\d+)\n/,
  );
  const ref = `http://127.0.0.1:${reference.match[1]}`;
  const server = await start(
    [resolve('dist/cli/main.js'), 'serve', '--port', '0', '--database', database],
    // The benchmark measures the server, not its per-tenant rate limit.
    { SCIMITAR_LOG_LEVEL: 'warn', SCIMITAR_RATE_LIMIT: '0' },
    /(http:\/\/127\.0\.0\.1:\d+)\/tenants\/bench/,
  );
  const base = `${server.match[1]}/tenants/bench/scim/v2`;
  const auth = { Authorization: `Bearer ${seeded.token}`, 'Content-Type': 'application/scim+json' };
  const lookup = (prefix: string): Request[] => [
    {
      method: 'GET',
      path: prefix,
      setupRequest: (req) => ({
        ...req,
        path: `${prefix}/Users?filter=${encodeURIComponent(`userName eq "${randomUser(size)}"`)}`,
      }),
    },
  ];
  try {
    await run(size, 'reference: userName eq lookup', ref, lookup(''));
    await run(size, 'scimitar:  userName eq lookup', base, lookup(new URL(base).pathname), auth);
    await run(size, 'reference: GET by id', ref, [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/Users/ref-${Math.floor(Math.random() * size)}` }),
      },
    ]);
    const path = new URL(base).pathname;
    await run(
      size,
      'scimitar:  GET by id',
      base,
      [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${path}/Users/${pick(seeded.userIds)}` }) }],
      auth,
    );
    await run(size, 'reference: list page of 100', ref, [
      { method: 'GET', path: '/Users?startIndex=1&count=100' },
    ]);
    await run(
      size,
      'scimitar:  list page of 100',
      base,
      [{ method: 'GET', path: `${path}/Users?startIndex=1&count=100` }],
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
    await run(size, 'scimitar:  deactivate/reactivate PATCH', base, [toggle(false), toggle(true)], auth);
    let created = 0;
    await run(
      size,
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
              userName: `new${created++}@example.com`,
              active: true,
            }),
          }),
        },
      ],
      auth,
    );
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
        size,
        `scimitar:  member add/remove @${Number(members).toLocaleString('en')}`,
        base,
        [member('add'), member('remove')],
        auth,
      );
    }
    console.log(`  server RSS: ${rssMb(server.child.pid)} MB`);
  } finally {
    server.child.kill('SIGTERM');
    reference.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function ratio(size: number, a: string, b: string, sizeB = size): string {
  const x = rows.find((r) => r.size === size && r.name.includes(a));
  const y = rows.find((r) => r.size === sizeB && r.name.includes(b));
  return x && y ? (x.rps / y.rps).toFixed(2) : 'n/a';
}

for (const size of SIZES) await benchSize(size);

console.log('\n== ratios (req/s)');
for (const size of SIZES) {
  for (const what of ['userName eq lookup', 'GET by id', 'list page of 100']) {
    console.log(
      `  ${size.toLocaleString('en')} users, ${what}: scimitar/reference = ${ratio(size, `scimitar:  ${what}`, `reference: ${what}`)}`,
    );
  }
  const groups = rows.filter((r) => r.size === size && r.name.includes('member add/remove'));
  const smallest = groups[0];
  for (const g of groups.slice(1)) {
    console.log(
      `  ${size.toLocaleString('en')} users, ${g.name.split('@')[1]} members vs 100: cost ratio (p50) = ${(g.p50 / Math.max(smallest?.p50 ?? 1, 1)).toFixed(2)}, req/s ratio = ${((smallest?.rps ?? 0) / g.rps).toFixed(2)}`,
    );
  }
}
if (SIZES.length > 1) {
  const [small, large] = [SIZES[0] ?? 0, SIZES[SIZES.length - 1] ?? 0];
  console.log(
    `  lookup at ${large.toLocaleString('en')} vs ${small.toLocaleString('en')} users: req/s ratio = ${ratio(small, 'scimitar:  userName eq lookup', 'scimitar:  userName eq lookup', large)}`,
  );
}
const failed = rows.filter((r) => r.errors > 0);
if (failed.length > 0) {
  console.error(`\n${failed.length} scenario(s) had errors or non-2xx answers`);
  process.exitCode = 1;
}
