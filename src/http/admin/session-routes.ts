import type { FastifyInstance } from 'fastify';
import { checkAdminLogin } from '../../auth/admin-login.ts';
import { csrfTokenOf, endSession, IDLE_MS, startSession } from '../../auth/admin-sessions.ts';
import { ScimError } from '../../scim/errors.ts';
import type { AdminRecord, TenantId } from '../../store/port.ts';
import { readCookie, setCookie } from '../cookies.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { type AdminApiOptions, adminOf, bodyOf, SESSION_COOKIE, stringField } from './admin-request.ts';

const cookiePath = (tenant: string) => `/tenants/${tenant}/admin`;
const view = (admin: AdminRecord) => ({
  id: admin.id,
  username: admin.username,
  displayName: admin.displayName,
});

/** Sign in, see who is signed in, sign out. */
export function sessionRoutes(app: FastifyInstance, { store, now, guard }: AdminApiOptions): void {
  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const { tenant } = request.params as { tenant: string };
    const body = bodyOf(request);
    const username = stringField(body, 'username');
    const password = stringField(body, 'password');
    const account = LoginGuard.account(tenant, username);
    guard.check(request, account);
    const admin = await checkAdminLogin(store, tenant as TenantId, username, password);
    if (admin === 'busy') throw ScimError.retryLater(503, 'too many sign-ins are being checked', 1);
    if (!admin) {
      guard.failed(request, account);
      throw ScimError.status(401, 'the username or password is wrong');
    }
    guard.succeeded(request, account);
    const token = await startSession(store, admin, now());
    // The cookie lives as long as a session may idle; the server enforces both limits anyway.
    setCookie(request, reply, {
      name: SESSION_COOKIE,
      value: token,
      path: cookiePath(tenant),
      maxAgeSeconds: IDLE_MS / 1000,
    });
    return { admin: view(admin), csrfToken: csrfTokenOf(token) };
  });

  app.get('/session', async (request) => {
    const token = readCookie(request, SESSION_COOKIE) ?? '';
    return { admin: view(adminOf(request)), csrfToken: csrfTokenOf(token) };
  });

  app.post('/logout', async (request, reply) => {
    const { tenant } = request.params as { tenant: string };
    await endSession(store, tenant as TenantId, readCookie(request, SESSION_COOKIE) ?? '');
    setCookie(request, reply, {
      name: SESSION_COOKIE,
      value: '',
      path: cookiePath(tenant),
      maxAgeSeconds: 0,
    });
    return reply.code(204).send();
  });
}
