import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../../auth/authenticate.ts';
import { ScimError } from '../../scim/errors.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { GROUPS, USERS } from '../../service/resource-kind.ts';
import type { TenantId } from '../../store/port.ts';
import { discoveryRoutes } from './discovery-routes.ts';
import { resourceRoutes } from './resource-routes.ts';
import { rootSearchRoute } from './root-search.ts';

export interface ScimPluginOptions {
  readonly deps: ServiceDeps;
  readonly authenticate: Authenticate;
  readonly publicUrl: string | undefined;
  readonly bodyLimit: number;
}

/** Which methods each SCIM path answers; the others get 405 rather than 404. */
const ALLOWED: Record<string, string[]> = {
  '/Users': ['GET', 'POST'],
  '/Groups': ['GET', 'POST'],
  '/Users/:id': ['GET', 'PUT', 'PATCH', 'DELETE'],
  '/Groups/:id': ['GET', 'PUT', 'PATCH', 'DELETE'],
  '/Users/.search': ['POST'],
  '/Groups/.search': ['POST'],
  '/.search': ['POST'],
  '/ServiceProviderConfig': ['GET'],
  '/Schemas': ['GET'],
  '/Schemas/:id': ['GET'],
  '/ResourceTypes': ['GET'],
  '/ResourceTypes/:id': ['GET'],
};
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Everything under /tenants/{tenant}/scim/v2: authentication first, then the SCIM routes. */
export function scimPlugin(
  app: FastifyInstance,
  options: ScimPluginOptions,
  done: (error?: Error) => void,
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const { tenant } = request.params as { tenant: string };
    request.actor = await options.authenticate(tenant as TenantId, {
      authorization: request.headers.authorization,
      ip: request.ip,
    });
  });

  resourceRoutes(app, options.deps, USERS, options.publicUrl);
  resourceRoutes(app, options.deps, GROUPS, options.publicUrl);
  rootSearchRoute(app, options.deps, options.publicUrl);
  discoveryRoutes(app, {
    publicUrl: options.publicUrl,
    maxResults: options.deps.maxCount,
    maxPayloadSize: options.bodyLimit,
  });

  for (const [url, allowed] of Object.entries(ALLOWED)) {
    const others = METHODS.filter((m) => !allowed.includes(m));
    app.route({
      method: others,
      url,
      handler: async (_request, reply) => {
        reply.header('Allow', allowed.join(', '));
        throw ScimError.status(405, `${url} supports ${allowed.join(', ')}`);
      },
    });
  }
  done();
}
