import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../../auth/authenticate.ts';
import { parseBasic } from '../../auth/basic-auth.ts';
import { ScimError } from '../../scim/errors.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { GROUPS, USERS } from '../../service/resource-kind.ts';
import type { TenantId } from '../../store/port.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import type { TokenBuckets } from '../throttle/token-bucket.ts';
import { discoveryRoutes } from './discovery-routes.ts';
import { resourceRoutes } from './resource-routes.ts';
import { rootSearchRoute } from './root-search.ts';

export interface ScimPluginOptions {
  readonly deps: ServiceDeps;
  readonly authenticate: Authenticate;
  readonly publicUrl: string | undefined;
  readonly bodyLimit: number;
  readonly guard: LoginGuard;
  readonly rateLimit: TokenBuckets;
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

const overRateLimit = (seconds: number) =>
  ScimError.retryLater(429, 'this tenant is over its request rate limit', seconds);

/** Everything under /tenants/{tenant}/scim/v2: authentication first, then the SCIM routes. */
export function scimPlugin(
  app: FastifyInstance,
  options: ScimPluginOptions,
  done: (error?: Error) => void,
): void {
  app.decorateRequest('actor', null);
  const { guard, rateLimit } = options;
  const refused = (error: unknown) => error instanceof ScimError && error.status === 401;
  app.addHook('onRequest', async (request) => {
    const { tenant } = request.params as { tenant: string };
    // A tenant over its limit is refused before anything costly (credential check, body, database),
    // so its flood costs the others little. Only authenticated requests take a token, below, so a
    // stranger's flood of bad credentials cannot spend a tenant's budget.
    const overLimit = rateLimit.peek(tenant, Date.now());
    if (overLimit > 0) throw overRateLimit(overLimit);
    const authorization = request.headers.authorization;
    const basic = authorization === undefined ? undefined : parseBasic(authorization);
    request.actor = await guard.verifyFirst(
      LoginGuard.caller(request, tenant, basic?.username),
      (overBudget) =>
        options.authenticate(tenant as TenantId, {
          authorization,
          ip: request.ip,
          cachedPasswordsOnly: overBudget,
        }),
      refused,
    );
    const wait = rateLimit.take(tenant, Date.now());
    if (wait > 0) throw overRateLimit(wait);
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
