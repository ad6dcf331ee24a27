import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Received {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly contentType: string | undefined;
  readonly body: string;
  readonly event: {
    id: string;
    type: string;
    timestamp: string;
    tenant: string;
    data: Record<string, unknown>;
  };
}

/** What the receiver answers a request with: a status, or `hold` to keep it waiting until release(). */
export type Answer = (request: Received, index: number) => number | 'hold';

export interface Receiver {
  /** e.g. http://127.0.0.1:43210/hook */
  readonly url: string;
  /** Every request, in arrival order, whatever it was answered. */
  readonly received: Received[];
  /** Those answered 2xx. */
  readonly accepted: Received[];
  answer: Answer;
  /** Answers every held request with 200. */
  release(): void;
  held(): number;
  close(): Promise<void>;
}

/** A webhook endpoint on 127.0.0.1 that records what it gets; answers 204 unless told otherwise. */
export async function startReceiver(answer: Answer = () => 204): Promise<Receiver> {
  const received: Received[] = [];
  const accepted: Received[] = [];
  const holding: { res: http.ServerResponse; request: Received }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request: Received = {
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        contentType: req.headers['content-type'],
        body,
        event: JSON.parse(body),
      };
      received.push(request);
      const status = receiver.answer(request, received.length - 1);
      if (status === 'hold') holding.push({ res, request });
      else {
        if (status >= 200 && status < 300) accepted.push(request);
        res.writeHead(status).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    accepted,
    answer,
    release() {
      for (const { res, request } of holding.splice(0)) {
        if (!res.destroyed) {
          accepted.push(request);
          res.writeHead(200).end();
        }
      }
    },
    held: () => holding.length,
    async close() {
      receiver.release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return receiver;
}

/** Checks a Standard Webhooks signature independently of the server's code. */
export function validSignature(secret: string, request: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${request.id}.${request.timestamp}.${request.body}`)
    .digest();
  return request.signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Waits until `ready()` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(
  ready: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
