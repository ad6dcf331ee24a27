import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../service/deps.ts';
import { storeHealth } from '../service/health.ts';

/**
 * `/healthz`: the process is alive. `/readyz`: it can serve (the database answers, and it is not shutting
 * down), with the durability settings in force so an operator can see them.
 */
export function healthRoutes(app: FastifyInstance, deps: ServiceDeps, isClosing: () => boolean) {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (isClosing()) return reply.code(503).send({ status: 'closing' });
    try {
      return { status: 'ready', ...(await storeHealth(deps)) };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
