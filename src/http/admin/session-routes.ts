import type { FastifyInstance } from 'fastify';
import { csrfTokenOf } from '../../auth/csrf.ts';
import { AppError } from '../../errors/app-error.ts';
import { endSession, IDLE_MS, type SessionPrincipal, startSession } from '../../service/sessions.ts';
import { signInToTenant } from '../../service/sign-in.ts';
import { readCookie, setCookie } from '../cookies.ts';
import type { RouteOptions } from '../route-options.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { adminOf, bodyOf, SESSION_COOKIE, stringField } from './admin-request.ts';

const cookiePath = (tenant: string) => `/tenants/${tenant}/admin`;
const view = (p: SessionPrincipal) => ({
  kind: p.kind,
  id: p.id,
  username: p.username,
  displayName: p.displayName,
});

/** Sign in, see who is signed in, sign out. */
export function sessionRoutes(app: FastifyInstance, { deps, guard }: RouteOptions): void {
  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const tenant = tenantSegment(request);
    const body = bodyOf(request);
    const username = stringField(body, 'username');
    const caller = LoginGuard.caller(request, tenant, username);
    guard.check(caller);
    const parsed = tenantParam(request);
    // A tenant admin by default; with `"operator": true`, a server operator.
    const principal =
      parsed &&
      (await signInToTenant(deps, parsed, {
        username,
        password: stringField(body, 'password'),
        operator: body.operator === true,
      }));
    if (!principal) {
      guard.failed(caller);
      throw new AppError('unauthenticated', 'the username or password is wrong');
    }
    guard.succeeded(caller);
    const token = await startSession(deps, principal);
    // The cookie lives as long as a session may idle; the server enforces both limits anyway.
    setCookie(request, reply, {
      name: SESSION_COOKIE,
      value: token,
      path: cookiePath(tenant),
      maxAgeSeconds: IDLE_MS / 1000,
    });
    return { admin: view(principal), csrfToken: csrfTokenOf(token) };
  });

  app.get('/session', async (request) => {
    const token = readCookie(request, SESSION_COOKIE) ?? '';
    return { admin: view(adminOf(request)), csrfToken: csrfTokenOf(token) };
  });

  app.post('/logout', async (request, reply) => {
    const { tenant } = adminOf(request);
    await endSession(deps, tenant, readCookie(request, SESSION_COOKIE) ?? '');
    setCookie(request, reply, {
      name: SESSION_COOKIE,
      value: '',
      path: cookiePath(tenant),
      maxAgeSeconds: 0,
    });
    return reply.code(204).send();
  });
}
