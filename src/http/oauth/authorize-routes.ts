import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import {
  type AuthorizationRequest,
  parseAuthorizationRequest,
} from '../../service/oauth/authorize-request.ts';
import { issueCode } from '../../service/oauth/issue-code.ts';
import { checkAdminLogin } from '../../service/sign-in.ts';
import { readCookie, setCookie } from '../cookies.ts';
import { oauthParams } from '../errors/oauth-format.ts';
import type { RouteOptions } from '../route-options.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { consentPage, errorPage } from './login-page.ts';
import { refuseNul } from './oauth-params.ts';

const CSRF_COOKIE = 'scimitar_oauth_csrf';

function redirectError(reply: FastifyReply, request: AuthorizationRequest, error: AppError) {
  return redirectWith(reply, request, oauthParams(error));
}

function redirectWith(reply: FastifyReply, request: AuthorizationRequest, params: Record<string, string>) {
  const url = new URL(request.redirectTo);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return reply.code(302).header('Location', url.toString()).send();
}

function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function html(reply: FastifyReply, status: number, body: string) {
  // The page must not be framed (clickjacking) nor cached (it carries a CSRF token), and its form may
  // post the admin's password only back to this server.
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('X-Frame-Options', 'DENY')
    .header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
    )
    .send(body);
}

/**
 * `GET /tenants/{t}/oauth/authorize` renders the sign-in and consent page; the form posts back to the
 * same URL, which checks the CSRF token and the admin's password and redirects to the client with a
 * code (RFC 6749 §4.1.1–4.1.2).
 */
export function authorizeRoutes(app: FastifyInstance, options: RouteOptions): void {
  const { deps } = options;
  app.get('/authorize', { preValidation: refuseNul() }, async (request, reply) => {
    const tenant = tenantSegment(request);
    const query = request.query as Record<string, unknown>;
    const parsed = await parseAuthorizationRequest(deps, tenantParam(request), query);
    if (parsed instanceof AppError) return html(reply, parsed.status, errorPage(parsed.message));
    if (parsed.error) return redirectError(reply, parsed.request, parsed.error);
    const csrf = randomBytes(32).toString('base64url');
    setCookie(request, reply, {
      name: CSRF_COOKIE,
      value: csrf,
      path: `/tenants/${tenant}/oauth`,
      maxAgeSeconds: 900,
    });
    return html(
      reply,
      200,
      consentPage({ tenant, clientName: parsed.request.client.name, fields: parsed.request.fields, csrf }),
    );
  });

  app.post('/authorize', { preValidation: refuseNul() }, async (request, reply) => {
    const tenant = tenantSegment(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = await parseAuthorizationRequest(deps, tenantParam(request), body);
    if (parsed instanceof AppError) return html(reply, parsed.status, errorPage(parsed.message));
    const csrf = typeof body.csrf === 'string' ? body.csrf : undefined;
    if (!sameSecret(csrf, readCookie(request, CSRF_COOKIE)))
      return html(
        reply,
        403,
        errorPage(
          'This form has expired or did not come from this server. Start again from your identity provider.',
        ),
      );
    const { request: authz } = parsed;
    if (parsed.error) return redirectError(reply, authz, parsed.error);
    if (body.decision === 'deny')
      return redirectError(reply, authz, new AppError('accessDenied', 'the admin denied the request'));

    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const form = { tenant, clientName: authz.client.name, fields: authz.fields, csrf: csrf ?? '', username };
    const caller = LoginGuard.caller(request, tenant, username);
    const wait = options.guard.wait(caller);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      const error = `Too many failed sign-ins. Try again in ${wait} seconds.`;
      return html(reply, 429, consentPage({ ...form, error }));
    }
    const admin = await checkAdminLogin(deps, authz.client.tenant, username, password);
    if (!admin) {
      options.guard.failed(caller);
      const error = 'The username or password is wrong, or the account is not an administrator.';
      return html(reply, 401, consentPage({ ...form, error }));
    }
    options.guard.succeeded(caller);
    const code = await issueCode(deps, {
      client: authz.client,
      admin,
      redirectUri: authz.redirectUriGiven,
      codeChallenge: authz.codeChallenge,
    });
    return redirectWith(reply, authz, { code });
  });
}
