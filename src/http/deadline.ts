import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { renderError } from './errors/surfaces.ts';

/** How long a client is asked to wait after a request ran out of time. */
const RETRY_AFTER_SECONDS = 5;

/**
 * No request runs past `ms`: one still unanswered then gets 503 with Retry-After, in its surface's format, on a
 * connection that closes after it (its request may still be reading), never a dropped socket. The
 * work itself is not cancelled: a change that commits afterwards stays, as after any lost answer, and
 * its late answer is dropped.
 */
export function enforceDeadline(app: FastifyInstance, ms: number): void {
  app.addHook('onRequest', (request, reply, done) => {
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent || request.socket.destroyed) return;
      request.log.warn({ url: request.routeOptions.url, deadlineMs: ms }, 'request ran past its deadline');
      reply.header('Connection', 'close');
      const late = new AppError('unavailable', 'the request did not finish in time; retry it', {
        retryAfter: RETRY_AFTER_SECONDS,
      });
      renderError(late, request, reply);
    }, ms);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
