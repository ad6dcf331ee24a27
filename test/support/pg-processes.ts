import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, exited, type ServeProcess, spawnCli, spawnServe } from './cli.ts';
import { type ScimResponse, scimRequest } from './scim-client.ts';

/** The token `serve` prints when it created tenant `default`, if this process printed one. */
export function tokenIn(output: string): string | undefined {
  return /API token: +(scim_\S+)/.exec(output)?.[1];
}

/** Starts `count` `serve` processes on one database at the same moment; if any fails, stops the rest. */
export async function startServers(
  database: string,
  count: number,
  env: Record<string, string> = {},
): Promise<ServeProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => spawnServe(database, [], env)),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopServers(servers);
    throw failed.reason;
  }
  return servers;
}

/** SIGTERM, then SIGKILL whatever has not exited after `graceMs`; resolves with each exit code. */
export async function stopServers(
  servers: readonly ServeProcess[],
  graceMs = 5_000,
): Promise<(number | null)[]> {
  return Promise.all(
    servers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited(child);
      clearTimeout(timer);
      return code;
    }),
  );
}

/**
 * Kills, by pid, any `scimitar` process this test process started and still has: the safety net for a
 * test that failed half-way, or a spawnServe that timed out before it handed its child back.
 */
export function killStrayServers(): void {
  for (const pid of childPids(process.pid)) {
    const cmdline = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
    if (cmdline.includes(BIN)) process.kill(pid, 'SIGKILL');
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The entries of a directory, or none if it is gone (a process that has just exited holds nothing). */
function readDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function readLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** The direct children of `pid`, from /proc (every thread's list, since any thread may have forked). */
export function childPids(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  const pids = readdirSync(tasks).flatMap((task) =>
    (readText(`${tasks}/${task}/children`) ?? '').split(/\s+/).filter(Boolean).map(Number),
  );
  return [...new Set(pids)].sort((a, b) => a - b);
}

/** Whether `pid` is a live process (a zombie has exited, it just has not been reaped yet). */
export function isAlive(pid: number): boolean {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/**
 * Which of `pids` holds each established TCP connection whose local port is `port`, keyed by the
 * connection's remote (client) port: read from /proc/net/tcp and each fd table, since no answer says
 * which process served it.
 */
export function connectionOwners(port: number, pids: readonly number[]): Map<number, number> {
  const clientPortByInode = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readText(table) ?? '').split('\n').slice(1)) {
      const [, local, remote, state, , , , , , inode] = line.trim().split(/\s+/);
      if (!local || !remote || !inode || state !== '01') continue; // 01: ESTABLISHED
      const portOf = (address: string) => Number.parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      if (portOf(local) === port) clientPortByInode.set(inode, portOf(remote));
    }
  }
  const owners = new Map<number, number>();
  for (const pid of pids) {
    for (const fd of readDir(`/proc/${pid}/fd`)) {
      const inode = /^socket:\[(\d+)\]$/.exec(readLink(`/proc/${pid}/fd/${fd}`))?.[1];
      const clientPort = inode === undefined ? undefined : clientPortByInode.get(inode);
      if (clientPort !== undefined) owners.set(clientPort, pid);
    }
  }
  return owners;
}

/** For each of `pids`, how many established TCP connections it holds whose local port is `port`. */
export function connectionsByProcess(port: number, pids: readonly number[]): Map<number, number> {
  const counts = new Map(pids.map((pid) => [pid, 0]));
  for (const pid of connectionOwners(port, pids).values()) counts.set(pid, (counts.get(pid) ?? 0) + 1);
  return counts;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export interface TimedResponse extends ScimResponse {
  /** Wall time from sending the request to having read the whole body. */
  readonly ms: number;
}

/** A SCIM request that gives up after `timeoutMs` (AbortSignal.timeout): a hung request throws, never stalls. */
export async function timedRequest(
  url: string,
  token: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 5_000,
): Promise<TimedResponse> {
  const started = performance.now();
  const res = await scimRequest(url, token, method, body, headers, timeoutMs);
  return { ...res, ms: performance.now() - started };
}

/** Runs the CLI without blocking, so that several can run at once. */
export function runCliAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return spawnCli(args).result;
}

/** Every status of `statuses` is one of `allowed`; the message lists what came back, by count. */
export function assertStatuses(what: string, statuses: readonly number[], allowed: readonly number[]): void {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  assert.ok(
    statuses.every((s) => allowed.includes(s)),
    `${what}: expected only ${allowed.join('/')}, got ${JSON.stringify(counts)}`,
  );
}

/** Server-side log lines at error level or above (pino level ≥ 50): an unhandled error, i.e. a 500. */
export function errorLogLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(5\d|60)\b/.test(line));
}

/** A GET over node:http: on `agent` (to hold connections open and see who serves them), or else on a connection of its own. */
export function httpGet(
  url: string,
  headers: Record<string, string> = {},
  agent: http.Agent | false = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent, signal: AbortSignal.timeout(5_000) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Collects what a started `serve` writes to stderr from now on (spawnServe keeps its own copy private). */
export function stderrOf(server: ServeProcess): () => string {
  let text = '';
  server.child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  return () => text;
}

/** Fails, with what it wrote to stderr, if any of `servers` has exited. */
export function assertRunning(servers: readonly ServeProcess[], stderr: readonly (() => string)[]): void {
  servers.forEach((s, i) => {
    const { exitCode, signalCode } = s.child;
    assert.ok(
      exitCode === null && signalCode === null,
      `serve process ${i} (pid ${s.child.pid}) exited (${signalCode ?? exitCode}):\n${stderr[i]?.()}`,
    );
  });
}
