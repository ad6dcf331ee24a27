import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The real bin, as `npm install` leaves it (npm test builds dist/ first). */
export const BIN = resolve('dist/cli/main.js');

export function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'scimitar-cli-')), 'scimitar.db');
}

export function runCli(args: string[], options: { input?: string } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, SCIMITAR_DATABASE: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ServeProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout so far. */
  output(): string;
  /** The origin the server printed, e.g. http://127.0.0.1:43210 */
  readonly origin: string;
  /** Everything written to stdout and stderr so far: the greeting and the log lines. */
  log(): string;
}

/**
 * Starts `scimitar serve` on a free port and resolves once it has printed its base URL; `env` adds to
 * the environment (e.g. SCIMITAR_WEBHOOK_* settings).
 */
export function spawnServe(
  database: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--database', database, ...extraArgs], {
    env: { ...process.env, SCIMITAR_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout}${stderr}`)), 10_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout}${stderr}`)));
    let started = false;
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/tenants\//.exec(stdout);
      // Only once: later output (log lines) must not remove the 'exit' listeners callers add.
      if (!started && match?.[1] && /\n\n|Mint a token/.test(stdout)) {
        started = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolvePromise({ child, output: () => stdout, log: () => stdout + stderr, origin: match[1] });
      }
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) resolvePromise(child.exitCode);
    else child.once('exit', (code) => resolvePromise(code));
  });
}

/** Runs the bin without blocking this process, so that a server in this process can answer it. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SCIMITAR_DATABASE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const result = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise) => {
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
  return { child, result };
}

export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}) {
  return spawnCli(args, env).result;
}
