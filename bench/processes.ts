// The processes a benchmark starts: a server (or the reference) as a child, and what /proc says of it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Cluster, startCluster } from '../test/support/pg-cluster.ts';
import { childPids, isAlive } from '../test/support/pg-processes.ts';

/** A throwaway PostgreSQL cluster as durable as production: the test default turns fsync off. */
export function startDurableCluster(): Promise<Cluster> {
  return startCluster(['fsync=on', 'full_page_writes=on']);
}

/** Spawns `node args…` and resolves once its stdout matches `ready`; stderr is kept for `stderr()`. */
export function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray; stderr: () => string }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}: ${out}${err}`)));
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) {
        child.removeAllListeners('exit');
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        done({ child, match, stderr: () => err });
      }
    });
  });
}

export interface Scimitar {
  readonly child: ChildProcess;
  /** e.g. http://127.0.0.1:43210 */
  readonly origin: string;
  /** What it wrote to stderr so far (log lines at SCIMITAR_LOG_LEVEL, worker exits). */
  stderr(): string;
}

/** `scimitar serve` on `port` (0: any free one) with `workers` processes; `env` adds SCIMITAR_* settings. */
export async function startScimitar(
  database: string,
  workers: number,
  env: NodeJS.ProcessEnv = {},
  port = 0,
): Promise<Scimitar> {
  const { child, match, stderr } = await startProcess(
    [
      // BENCH_BIN runs another build, e.g. an older dist/cli/main.js, for a before/after comparison.
      resolve(process.env.BENCH_BIN ?? 'dist/cli/main.js'),
      'serve',
      '--port',
      String(port),
      '--database',
      database,
      '--workers',
      String(workers),
    ],
    // The benchmarks measure the server, not its per-tenant rate limit.
    { SCIMITAR_LOG_LEVEL: 'warn', SCIMITAR_RATE_LIMIT: '0', ...env },
    /(http:\/\/127\.0\.0\.1:\d+)\/tenants\//,
  );
  return { child, origin: match[1] ?? '', stderr };
}

/** SIGTERM, then resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** The server's live processes: the primary and, with --workers, its cluster workers. */
export function serverPids(child: ChildProcess): number[] {
  const primary = child.pid ?? 0;
  return [primary, ...childPids(primary)].filter(isAlive);
}

/** CPU time (user and system) a process has used, in ms: a figure other load on the machine barely moves. */
export function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime, the 14th and 15th fields, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of `pid` in kB (VmRSS), or 0 if it has exited. */
export function rssKb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
