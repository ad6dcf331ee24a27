import type { FastifyBaseLogger } from 'fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Authenticate } from '../auth/authenticate.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServiceDeps } from '../service/deps.ts';
import { adminApiPlugin } from './admin/admin-plugin.ts';
import { jwtRoute } from './auth/jwt-route.ts';
import { enforceDeadline } from './deadline.ts';
import type { Draining } from './draining.ts';
import { clientErrors, notFoundHandler, renderError } from './errors/surfaces.ts';
import { healthRoutes } from './health.ts';
import { registerJsonBody } from './json-body.ts';
import { metadataRoutes } from './oauth/metadata-route.ts';
import { oauthPlugin } from './oauth/oauth-plugin.ts';
import { RequestLog } from './request-log.ts';
import { scimPlugin } from './scim/scim-plugin.ts';
import { FailureThrottle } from './throttle/failure-throttle.ts';
import { LoginGuard } from './throttle/login-guard.ts';
import { TokenBuckets } from './throttle/token-bucket.ts';

export interface AppDeps {
  readonly config: Config;
  readonly service: ServiceDeps;
  readonly authenticate: Authenticate;
  readonly logger: FastifyBaseLogger;
  readonly draining: Draining;
}

/** A restarting server is usually back within seconds. */
const SHUTDOWN_RETRY_SECONDS = 5;
const HEALTH = new Set(['/healthz', '/readyz']);

/** Builds the HTTP app; it never listens (the CLI and tests decide where). */
export function buildApp({ config, service, authenticate, logger, draining }: AppDeps): FastifyInstance {
  const failures = clientErrors();
  const app = Fastify({
    loggerInstance: logger,
    logController: new RequestLog(),
    bodyLimit: config.bodyLimit,
    // Receiving a request has its own, shorter limit than the deadline (408).
    requestTimeout: config.requestTimeoutMs,
    // Node reads these when it creates the server (Fastify's later assignment has no effect), and
    // checks for overdue requests every second (30 s by default), so a slow client's 408 comes on time.
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
    clientErrorHandler: failures.handler,
    routerOptions: { ignoreTrailingSlash: true },
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
  });
  failures.track(app);
  app.addHook('preClose', async () => draining.begin());
  // While shutting down, new requests are turned away with a 503 rather than a reset connection,
  // and every response closes its connection so clients do not reuse it.
  app.addHook('onRequest', async (request) => {
    if (draining.active && !HEALTH.has(request.url))
      throw new AppError('unavailable', 'the server is shutting down; retry shortly', {
        retryAfter: SHUTDOWN_RETRY_SECONDS,
      });
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.active) reply.header('Connection', 'close');
    done(null, payload);
  });
  enforceDeadline(app, config.requestDeadlineMs);
  // An id, tenant or parameter with NUL in it names nothing that can exist (PostgreSQL text cannot hold
  // it); answer that plainly instead of letting the database reject the statement.
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) {
      throw new AppError('invalidValue', 'the URL contains an encoded NUL character (%00)');
    }
  });
  registerJsonBody(app);
  app.setErrorHandler(renderError);
  app.setNotFoundHandler(notFoundHandler(app));
  healthRoutes(app, service, () => draining.active);
  const guard = new LoginGuard(
    new FailureThrottle({
      perAddress: config.failedLoginsPerIp,
      perAccount: config.failedLoginsPerAccount,
      windowSeconds: config.failedLoginWindowSeconds,
      maxCounters: config.failedLoginCounters,
    }),
    service.now,
  );
  app.register(jwtRoute, {
    prefix: '/tenants/:tenant/auth',
    deps: service,
    lifetimeSeconds: config.jwtLifetimeSeconds,
    guard,
  });
  app.register(oauthPlugin, {
    prefix: '/tenants/:tenant/oauth',
    deps: service,
    guard,
  });
  metadataRoutes(app, config.publicUrl);
  app.register(adminApiPlugin, {
    prefix: '/tenants/:tenant/admin/api',
    deps: service,
    guard,
  });
  app.register(scimPlugin, {
    prefix: '/tenants/:tenant/scim/v2',
    deps: service,
    authenticate,
    publicUrl: config.publicUrl,
    bodyLimit: config.bodyLimit,
    guard,
    rateLimit: new TokenBuckets(config.rateLimitPerSecond, config.rateLimitBurst),
  });
  return app;
}
