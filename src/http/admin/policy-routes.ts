import type { FastifyInstance } from 'fastify';
import { getPolicy, setPolicy } from '../../service/tenant-policy.ts';
import type { RouteOptions } from '../route-options.ts';
import { changeBy, tenantOf } from './admin-request.ts';

/** The tenant's policy document (docs/policies.md): read it, or replace it whole. */
export function policyRoutes(app: FastifyInstance, { deps }: RouteOptions): void {
  app.get('/policy', async (request) => getPolicy(deps, tenantOf(request)));

  app.put('/policy', async (request) =>
    setPolicy(deps, tenantOf(request), request.body, changeBy(request, deps.now())),
  );
}
