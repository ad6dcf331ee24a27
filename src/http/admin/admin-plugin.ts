import type { FastifyInstance } from 'fastify';
import { csrfMatches } from '../../auth/csrf.ts';
import { AppError } from '../../errors/app-error.ts';
import { resumeSession, type SessionPrincipal } from '../../service/sessions.ts';
import { readCookie } from '../cookies.ts';
import type { RouteOptions } from '../route-options.ts';
import { tenantParam } from '../tenant-param.ts';
import { accountRoutes } from './account-routes.ts';
import { SESSION_COOKIE } from './admin-request.ts';
import { credentialRoutes } from './credential-routes.ts';
import { policyRoutes } from './policy-routes.ts';
import { sessionRoutes } from './session-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    admin: SessionPrincipal | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `/tenants/{t}/admin/api`: what the console uses to manage a tenant's credentials and policy. Every
 * route but `POST /login` needs a session cookie, and every state-changing one its CSRF token in
 * `X-CSRF-Token`.
 */
export function adminApiPlugin(
  app: FastifyInstance,
  options: RouteOptions,
  done: (error?: Error) => void,
): void {
  app.decorateRequest('admin', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config && (request.routeOptions.config as { public?: boolean }).public) return;
    const tenant = tenantParam(request);
    const token = readCookie(request, SESSION_COOKIE);
    const admin = token && tenant ? await resumeSession(options.deps, tenant, token) : undefined;
    if (!token || !admin) throw new AppError('unauthenticated', 'sign in first: POST login');
    if (
      UNSAFE.has(request.method) &&
      !csrfMatches(token, request.headers['x-csrf-token'] as string | undefined)
    )
      throw new AppError('forbidden', 'missing or wrong X-CSRF-Token');
    request.admin = admin;
  });
  sessionRoutes(app, options);
  credentialRoutes(app, options);
  accountRoutes(app, options);
  policyRoutes(app, options);
  done();
}
