// Runs every test file with node's test runner and tsx. The suites that exercise storage (test/http,
// test/store, test/conformance) run once per engine, SQLite and PostgreSQL side by side, against one
// throwaway PostgreSQL cluster; every other file runs once. Then it checks engine parity: both engines
// must have run the same number of tests, all passing, none skipped, so a test can never quietly become
// "SQLite only". Given paths, it runs just those files, on the engine SCIMITAR_TEST_ENGINE names.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { binDir, type Cluster, startCluster } from '../test/support/pg-cluster.ts';

const PER_ENGINE = ['test/http', 'test/store', 'test/conformance'];

function findTests(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => findTests(join(path, entry)));
}

interface Outcome {
  readonly label: string;
  readonly code: number;
  readonly counts: Record<string, number>;
}

/** One `node --test` run; its output is held back and printed whole, so parallel runs do not interleave. */
function run(label: string, files: string[], env: Record<string, string>): Promise<Outcome> {
  const args = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      process.stdout.write(`\n━━ ${label} ━━\n${output}`);
      const counts: Record<string, number> = {};
      for (const [, name, n] of output.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) {
        counts[name as string] = Number(n);
      }
      resolve({ label, code: code ?? 1, counts });
    });
  });
}

/**
 * The PostgreSQL suites need the server's binaries. On a fresh Debian machine, as root, install them,
 * so `npm test` works there as the README says; anywhere else, say what is missing.
 */
function ensurePostgres(): void {
  try {
    binDir();
    return;
  } catch (error) {
    const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
    if (process.getuid?.() !== 0 || !apt) throw error;
  }
  process.stdout.write("PostgreSQL server binaries not found: installing Debian's postgresql package…\n");
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'postgresql'],
  ]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2);
  if (paths.length > 0) {
    const engine = process.env.SCIMITAR_TEST_ENGINE ?? 'sqlite';
    return (await run(engine, paths.flatMap(findTests), {})).code;
  }
  const perEngine = PER_ENGINE.flatMap(findTests);
  const once = findTests('test').filter((file) => !perEngine.includes(file));
  ensurePostgres(); // also for the suites that stop and start a cluster of their own
  const cluster: Cluster | undefined = process.env.DATABASE_URL ? undefined : await startCluster();
  const pgUrl = process.env.DATABASE_URL ?? (cluster as Cluster).url;
  try {
    const engines = await Promise.all([
      run('shared suites on SQLite', perEngine, { SCIMITAR_TEST_ENGINE: 'sqlite' }),
      run('shared suites on PostgreSQL', perEngine, {
        SCIMITAR_TEST_ENGINE: 'postgres',
        SCIMITAR_TEST_PG_URL: pgUrl,
      }),
    ]);
    const rest = await run('unit, CLI and PostgreSQL-only suites', once, { SCIMITAR_TEST_PG_URL: pgUrl });
    const outcomes = [...engines, rest];
    process.stdout.write('\n━━ summary ━━\n');
    for (const o of outcomes) process.stdout.write(`${o.label}: ${JSON.stringify(o.counts)}\n`);
    const [sqlite, postgres] = engines as [Outcome, Outcome];
    const problems: string[] = [];
    if (sqlite.counts.tests !== postgres.counts.tests)
      problems.push(
        `engine parity: SQLite ran ${sqlite.counts.tests} tests, PostgreSQL ${postgres.counts.tests}`,
      );
    for (const o of outcomes) {
      if (o.code !== 0 || (o.counts.fail ?? 1) > 0) problems.push(`${o.label}: failures`);
      if ((o.counts.skipped ?? 0) + (o.counts.todo ?? 0) > 0)
        problems.push(`${o.label}: skipped or todo tests`);
    }
    for (const p of problems) process.stdout.write(`✗ ${p}\n`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    cluster?.destroy();
  }
}

process.exit(await main());
