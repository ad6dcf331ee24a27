import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/port.ts';

/**
 * `/healthz`: the process is alive. `/readyz`: it can serve (the database answers, and it is not shutting
 * down), with the durability settings in force so an operator can see them.
 */
export function healthRoutes(app: FastifyInstance, store: Store, isClosing: () => boolean) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (isClosing()) return reply.code(503).send({ status: 'closing' });
    try {
      return { status: 'ready', ...(await store.health()) };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
