import formBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/port.ts';
import { type AuthorizeOptions, authorizeRoutes } from './authorize-routes.ts';
import { noStore } from './oauth-params.ts';
import { tokenRoutes } from './token-routes.ts';

export interface OAuthPluginOptions extends AuthorizeOptions {
  readonly store: Store;
  readonly now: () => Date;
}

/** Everything under /tenants/{tenant}/oauth: form bodies, RFC 6749 error bodies. */
export function oauthPlugin(
  app: FastifyInstance,
  options: OAuthPluginOptions,
  done: (error?: Error) => void,
): void {
  app.register(formBody);
  noStore(app);
  authorizeRoutes(app, options);
  tokenRoutes(app, options);
  done();
}
