import cluster, { type Worker } from 'node:cluster';

/** A worker that dies sooner than this after starting is crashing, not just unlucky: do not respawn it in a loop. */
const MIN_UPTIME_MS = 5_000;

/**
 * Forks `count` workers that each run `serve` on the same port (node:cluster shares the listening
 * socket), resolves with the port once all of them listen, replaces a worker that dies, and on SIGTERM
 * or SIGINT passes the signal on and exits when every worker has finished its in-flight requests.
 */
export function superviseWorkers(count: number): Promise<number> {
  let stopping = false;
  const started = new Map<Worker, number>();

  const fork = () => started.set(cluster.fork(), Date.now());

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit();
      return;
    }
    process.stderr.write(`scimitar: worker ${worker.process.pid} exited (${signal ?? code})\n`);
    if (uptime < MIN_UPTIME_MS) {
      process.stderr.write('scimitar: a worker is failing at start; stopping\n');
      stop('SIGTERM');
      process.exitCode = 1;
      return;
    }
    fork();
  });

  // The kernel hands each connection to a live worker. With the default round robin, the primary
  // accepts it and may pass it to a worker that has just died, and that connection then hangs.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  return new Promise((resolve) => {
    let listening = 0;
    cluster.on('message', (_worker, message: { listening?: number }) => {
      if (typeof message.listening === 'number' && ++listening === count) resolve(message.listening);
    });
    for (let i = 0; i < count; i++) fork();
  });
}
