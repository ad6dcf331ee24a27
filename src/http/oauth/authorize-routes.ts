import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkAdminLogin } from '../../auth/admin-login.ts';
import { beyondScope, issueCode, SCOPE } from '../../auth/oauth-grants.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient, Store, TenantId } from '../../store/port.ts';
import { readCookie, setCookie } from '../cookies.ts';
import { oauthParams } from '../errors/oauth-format.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { consentPage, errorPage } from './login-page.ts';
import { refuseNul } from './oauth-params.ts';

const CSRF_COOKIE = 'scimitar_oauth_csrf';
/** The authorization request's parameters that travel through the consent form. */
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
];

interface AuthorizationRequest {
  readonly client: OAuthClient;
  /** Where to send the answer: the given redirect_uri, or the client's only registered one. */
  readonly redirectTo: string;
  readonly redirectUriGiven: string | undefined;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly fields: Record<string, string>;
}

/**
 * Until client and redirect URI are known good, a failure is told to the admin on our own page (the
 * redirect URI cannot be trusted, §4.1.2.1); after that, to the client by redirecting to it.
 */
const deadEnd = (detail: string) => new AppError('invalidRequest', detail);

function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw deadEnd(`${name} must be given once`);
  return value;
}

/** Validates client and redirect URI first (errors shown here), then the rest (errors redirected). */
async function parseOrDeadEnd(
  store: Store,
  tenant: TenantId | undefined,
  params: Record<string, unknown>,
): Promise<Awaited<ReturnType<typeof parseRequest>> | AppError> {
  try {
    return await parseRequest(store, tenant, params);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

async function parseRequest(
  store: Store,
  tenant: TenantId | undefined,
  params: Record<string, unknown>,
): Promise<{ request: AuthorizationRequest; error: AppError | undefined }> {
  const clientId = single(params, 'client_id');
  const client =
    clientId === undefined || tenant === undefined
      ? undefined
      : await store.forTenant(tenant).oauth.getClient(clientId);
  if (!client) throw deadEnd('The application (client_id) is not registered with this tenant.');
  const given = single(params, 'redirect_uri');
  if (given !== undefined && !client.redirectUris.includes(given))
    throw deadEnd('The redirect_uri is not one registered for this application.');
  const redirectTo = given ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (redirectTo === undefined) throw deadEnd('The request must name one of the registered redirect URIs.');

  const fields: Record<string, string> = {};
  for (const name of CARRIED) {
    const value = single(params, name);
    if (value !== undefined) fields[name] = value;
  }
  const { secretHash: _, ...publicClient } = client;
  const request = {
    client: publicClient,
    redirectTo,
    redirectUriGiven: given,
    state: fields.state,
    codeChallenge: fields.code_challenge,
    fields,
  };
  return { request, error: requestError(fields) };
}

/** Checked once client and redirect URI are known good, so each of these errors is redirected. */
function requestError(fields: Record<string, string>): AppError | undefined {
  if (fields.response_type === undefined) return new AppError('invalidRequest', 'response_type is required');
  if (fields.response_type !== 'code')
    return new AppError('unsupportedResponseType', 'only response_type=code is supported');
  if (fields.code_challenge === undefined) {
    if (fields.code_challenge_method !== undefined)
      return new AppError('invalidRequest', 'code_challenge_method was sent without a code_challenge');
  } else {
    if ((fields.code_challenge_method ?? 'plain') !== 'S256')
      return new AppError('invalidRequest', 'code_challenge_method must be S256');
    if (!/^[A-Za-z0-9_-]{43}$/.test(fields.code_challenge))
      return new AppError('invalidRequest', 'code_challenge must be a base64url SHA-256');
  }
  if (beyondScope(fields.scope))
    return new AppError('invalidScope', `the scopes are '${SCOPE}' and 'offline_access'`);
  return undefined;
}

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

export interface AuthorizeOptions {
  readonly store: Store;
  readonly now: () => Date;
  readonly guard: LoginGuard;
}

/**
 * `GET /tenants/{t}/oauth/authorize` renders the sign-in and consent page; the form posts back to the
 * same URL, which checks the CSRF token and the admin's password and redirects to the client with a
 * code (RFC 6749 §4.1.1–4.1.2).
 */
export function authorizeRoutes(app: FastifyInstance, options: AuthorizeOptions): void {
  const { store } = options;
  app.get('/authorize', { preValidation: refuseNul() }, async (request, reply) => {
    const tenant = tenantSegment(request);
    const parsed = await parseOrDeadEnd(
      store,
      tenantParam(request),
      request.query as Record<string, unknown>,
    );
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
    const parsed = await parseOrDeadEnd(store, tenantParam(request), body);
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
    const admin = await checkAdminLogin(store, authz.client.tenant, username, password);
    if (admin === 'busy')
      throw new AppError('unavailable', 'too many sign-ins are being checked', { retryAfter: 1 });
    if (!admin) {
      options.guard.failed(caller);
      const error = 'The username or password is wrong, or the account is not an administrator.';
      return html(reply, 401, consentPage({ ...form, error }));
    }
    options.guard.succeeded(caller);
    const code = await issueCode(
      store,
      {
        client: authz.client,
        admin,
        redirectUri: authz.redirectUriGiven,
        codeChallenge: authz.codeChallenge,
      },
      options.now(),
    );
    return redirectWith(reply, authz, { code });
  });
}
