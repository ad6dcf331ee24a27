import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfMatches, resumeSession, type SessionPrincipal } from '../../auth/admin-sessions.ts';
import { CredentialInputError } from '../../auth/passwords.ts';
import { ScimError } from '../../scim/errors.ts';
import { readCookie } from '../cookies.ts';
import { tenantParam } from '../tenant-param.ts';
import { accountRoutes } from './account-routes.ts';
import { type AdminApiOptions, SESSION_COOKIE } from './admin-request.ts';
import { credentialRoutes } from './credential-routes.ts';
import { sessionRoutes } from './session-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    admin: SessionPrincipal | null;
  }
}

/**
 * JSON errors without an authentication challenge: the console calls this API with fetch, and a
 * Basic challenge would make the browser open its own password dialog.
 */
function renderAdminError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let detail = 'internal server error';
  if (error instanceof ScimError) {
    status = error.status;
    detail = error.message;
    if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
  } else if (error instanceof CredentialInputError) {
    status = 400;
    detail = error.message;
  } else if ((error as FastifyError).statusCode === 400 || (error as FastifyError).statusCode === 415) {
    status = (error as FastifyError).statusCode ?? 400;
    detail = 'the request body is not valid JSON';
  } else request.log.error({ err: error }, 'unhandled error');
  return reply.code(status).header('Cache-Control', 'no-store').send({ status, detail });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `/tenants/{t}/admin/api`: what the console uses to manage a tenant's credentials. Every route but
 * `POST /login` needs a session cookie, and every state-changing one its CSRF token in
 * `X-CSRF-Token`.
 */
export function adminApiPlugin(
  app: FastifyInstance,
  options: AdminApiOptions,
  done: (error?: Error) => void,
): void {
  app.decorateRequest('admin', null);
  app.setErrorHandler(renderAdminError);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config && (request.routeOptions.config as { public?: boolean }).public) return;
    const tenant = tenantParam(request);
    const token = readCookie(request, SESSION_COOKIE);
    const admin =
      token && tenant ? await resumeSession(options.store, tenant, token, options.now()) : undefined;
    if (!token || !admin) throw ScimError.status(401, 'sign in first: POST login');
    if (
      UNSAFE.has(request.method) &&
      !csrfMatches(token, request.headers['x-csrf-token'] as string | undefined)
    )
      throw ScimError.status(403, 'missing or wrong X-CSRF-Token');
    request.admin = admin;
  });
  sessionRoutes(app, options);
  credentialRoutes(app, options);
  accountRoutes(app, options);
  done();
}
