// An open-loop load generator: requests leave at a fixed rate whatever the server's speed (a closed
// loop like autocannon's would slow down with it and hide the queueing), over kept-alive connections
// to 127.0.0.1, and each latency counts from when the request was due, not from when it left.
import http from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer, Call, Tenant } from './okta-mix.ts';

/** One request: answered with a status, or failed with a network error code (ECONNRESET, …). */
export interface Sent {
  readonly call: Call;
  /** From when it was due to its last byte (or its failure), in ms. */
  ms: number;
  status?: number;
  error?: string;
  /** The connection it went out on, once it had one. */
  socket?: Socket;
}

export interface Client {
  /** Sends `call` with `tenant`'s token; resolves, never rejects, once answered or failed. */
  send(tenant: Tenant, call: Call, due?: number): Promise<Sent>;
  /** Requests sent and not yet answered. */
  readonly inFlight: Set<Sent>;
  /** The connections open now. */
  readonly sockets: Set<Socket>;
  close(): void;
}

/**
 * A keep-alive client for `origin`. A request gets `timeoutMs` from when it was sent to be answered,
 * waiting for a connection included, as an IdP's own timeout would: so a server that falls behind
 * shows as timeouts, and a run ends at most that long after its last request.
 */
export function client(origin: string, timeoutMs = 30_000, maxSockets = 64): Client {
  const { hostname, port } = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const inFlight = new Set<Sent>();
  const sockets = new Set<Socket>();

  function send(tenant: Tenant, call: Call, due = performance.now()): Promise<Sent> {
    const sent: Sent = { call, ms: 0 };
    inFlight.add(sent);
    return new Promise((resolve) => {
      const finish = (answer?: Answer) => {
        if (!inFlight.delete(sent)) return;
        sent.ms = performance.now() - due;
        if (answer) tenant.answered(call, answer);
        resolve(sent);
      };
      const fail = (error: NodeJS.ErrnoException) => {
        if (!inFlight.has(sent)) return;
        sent.error = error.name === 'AbortError' ? 'timeout' : (error.code ?? error.message);
        finish();
      };
      const req = http.request(
        {
          agent,
          hostname,
          port,
          method: call.method,
          path: call.path,
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            Authorization: `Bearer ${tenant.token}`,
            ...(call.body ? { 'Content-Type': 'application/scim+json' } : {}),
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => {
            sent.status = res.statusCode ?? 0;
            finish({ status: sent.status, etag: res.headers.etag, body });
          });
          res.on('error', fail);
        },
      );
      req.on('socket', (socket) => {
        sent.socket = socket;
        if (sockets.has(socket)) return;
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      req.on('error', fail);
      req.end(call.body);
    });
  }

  return { send, inFlight, sockets, close: () => agent.destroy() };
}

/**
 * Sends each tenant's `next()` call `rate` times a second for `seconds`, the tenants' arrivals spread
 * evenly, then waits for the last answers; `every` runs once a second with the seconds elapsed.
 */
export async function pacedLoad(
  via: Client,
  tenants: readonly Tenant[],
  rate: number,
  seconds: number,
  every: (second: number) => void = () => {},
): Promise<Sent[]> {
  const pending: Promise<Sent>[] = [];
  const sent = tenants.map(() => 0);
  const start = performance.now();
  let second = 0;
  for (;;) {
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds) break;
    tenants.forEach((tenant, i) => {
      // Tenant i's n-th arrival is due at (n + i/tenants) / rate seconds.
      const due = Math.floor(elapsed * rate - i / tenants.length) + 1;
      for (; (sent[i] ?? 0) < due; sent[i] = (sent[i] ?? 0) + 1) {
        const at = start + (((sent[i] ?? 0) + i / tenants.length) / rate) * 1000;
        pending.push(via.send(tenant, tenant.next(), at));
      }
    });
    if (Math.floor(elapsed) > second) every(++second);
    await sleep(2);
  }
  return Promise.all(pending);
}
