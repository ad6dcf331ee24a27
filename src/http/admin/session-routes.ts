import type { FastifyInstance } from 'fastify';
import { checkAdminLogin, checkOperatorLogin } from '../../auth/admin-login.ts';
import {
  adminPrincipal,
  csrfTokenOf,
  endSession,
  IDLE_MS,
  operatorPrincipal,
  type SessionPrincipal,
  startSession,
} from '../../auth/admin-sessions.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Store, TenantId } from '../../store/port.ts';
import { readCookie, setCookie } from '../cookies.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { type AdminApiOptions, adminOf, bodyOf, SESSION_COOKIE, stringField } from './admin-request.ts';

const cookiePath = (tenant: string) => `/tenants/${tenant}/admin`;
const view = (p: SessionPrincipal) => ({
  kind: p.kind,
  id: p.id,
  username: p.username,
  displayName: p.displayName,
});

/**
 * A tenant admin by default; with `"operator": true`, a server operator, who may then manage this
 * tenant. Undefined for wrong credentials and, for an operator, for a tenant that does not exist.
 */
async function signIn(
  store: Store,
  tenant: TenantId,
  body: Record<string, unknown>,
): Promise<SessionPrincipal | undefined | 'busy'> {
  const username = stringField(body, 'username');
  const password = stringField(body, 'password');
  if (body.operator !== true) {
    const admin = await checkAdminLogin(store, tenant, username, password);
    return admin && admin !== 'busy' ? adminPrincipal(admin) : admin;
  }
  const operator = await checkOperatorLogin(store, username, password);
  if (!operator || operator === 'busy') return operator;
  return (await store.tenants.get(tenant)) ? operatorPrincipal(tenant, operator) : undefined;
}

/** Sign in, see who is signed in, sign out. */
export function sessionRoutes(app: FastifyInstance, { store, now, guard }: AdminApiOptions): void {
  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const tenant = tenantSegment(request);
    const body = bodyOf(request);
    const caller = LoginGuard.caller(request, tenant, stringField(body, 'username'));
    guard.check(caller);
    const parsed = tenantParam(request);
    const principal = parsed && (await signIn(store, parsed, body));
    if (principal === 'busy')
      throw new AppError('unavailable', 'too many sign-ins are being checked', { retryAfter: 1 });
    if (!principal) {
      guard.failed(caller);
      throw new AppError('unauthenticated', 'the username or password is wrong');
    }
    guard.succeeded(caller);
    const token = await startSession(store, principal, now());
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
    await endSession(store, tenant, readCookie(request, SESSION_COOKIE) ?? '');
    setCookie(request, reply, {
      name: SESSION_COOKIE,
      value: '',
      path: cookiePath(tenant),
      maxAgeSeconds: 0,
    });
    return reply.code(204).send();
  });
}
