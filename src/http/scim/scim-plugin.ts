import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../../auth/authenticate.ts';
import { parseBasic } from '../../auth/basic-auth.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { GROUPS, USERS } from '../../service/resource-kind.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import type { TokenBuckets } from '../throttle/token-bucket.ts';
import { BULK_MAX_OPERATIONS, bulkRoute } from './bulk-route.ts';
import { discoveryRoutes } from './discovery-routes.ts';
import { meRoutes } from './me-route.ts';
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

const overRateLimit = (seconds: number) =>
  new AppError('rateLimited', 'this tenant is over its request rate limit', { retryAfter: seconds });

/** Everything under /tenants/{tenant}/scim/v2: authentication first, then the SCIM routes. */
export function scimPlugin(
  app: FastifyInstance,
  options: ScimPluginOptions,
  done: (error?: Error) => void,
): void {
  app.decorateRequest('actor', null);
  const { guard, rateLimit } = options;
  const refused = (error: unknown) => error instanceof AppError && error.code === 'unauthenticated';
  app.addHook('onRequest', async (request) => {
    const tenant = tenantSegment(request);
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
        options.authenticate(tenantParam(request), {
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
  meRoutes(app);
  bulkRoute(app, options.deps, { publicUrl: options.publicUrl, rateLimit });
  discoveryRoutes(app, options.deps, {
    publicUrl: options.publicUrl,
    maxResults: options.deps.maxCount,
    defaultPageSize: options.deps.defaultCount,
    maxPayloadSize: options.bodyLimit,
    maxOperations: BULK_MAX_OPERATIONS,
  });

  done();
}
