import type { FastifyInstance } from 'fastify';
import { getPolicy, setPolicy } from '../../service/tenant-policy.ts';
import { type AdminApiOptions, changeBy, tenantOf } from './admin-request.ts';

/** The tenant's policy document (docs/policies.md): read it, or replace it whole. */
export function policyRoutes(app: FastifyInstance, { store, now }: AdminApiOptions): void {
  app.get('/policy', async (request) => getPolicy({ store }, tenantOf(request)));

  app.put('/policy', async (request) =>
    setPolicy({ store }, tenantOf(request), request.body, changeBy(request, now())),
  );
}
