import formBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../route-options.ts';
import { authorizeRoutes } from './authorize-routes.ts';
import { noStore } from './oauth-params.ts';
import { tokenRoutes } from './token-routes.ts';

/** Everything under /tenants/{tenant}/oauth: form bodies, RFC 6749 error bodies. */
export function oauthPlugin(
  app: FastifyInstance,
  options: RouteOptions,
  done: (error?: Error) => void,
): void {
  app.register(formBody);
  noStore(app);
  authorizeRoutes(app, options);
  tokenRoutes(app, options);
  done();
}
