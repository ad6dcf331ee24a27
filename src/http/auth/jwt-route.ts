import formBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { param } from '../../service/oauth/params.ts';
import { checkAdminLogin } from '../../service/sign-in.ts';
import { issueAdminJwt } from '../../service/signing-keys.ts';
import { noStore, refuseNul } from '../oauth/oauth-params.ts';
import type { RouteOptions } from '../route-options.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';

export interface JwtRouteOptions extends RouteOptions {
  readonly lifetimeSeconds: number;
}

/**
 * `POST /tenants/{t}/auth/token` with a site admin's `username` and `password` (form or JSON) answers
 * `{access_token, token_type, expires_in}`: a JWT that works as the tenant's SCIM bearer credential
 * and acts for that admin (PowerDMS's "User Sync > Request JWT token"). Wrong credentials, a
 * provisioning account, a disabled admin and an unknown tenant all get the same invalid_grant.
 */
export function jwtRoute(
  app: FastifyInstance,
  options: JwtRouteOptions,
  done: (error?: Error) => void,
): void {
  app.register(formBody);
  noStore(app);
  app.post('/token', { preValidation: refuseNul() }, async (request) => {
    const tenant = tenantSegment(request);
    const username = param(request.body, 'username');
    const password = param(request.body, 'password');
    const caller = LoginGuard.caller(request, tenant, username);
    options.guard.check(caller);
    const parsed = tenantParam(request);
    const admin = parsed && (await checkAdminLogin(options.deps, parsed, username, password));
    if (!admin) {
      options.guard.failed(caller);
      throw new AppError('invalidGrant', 'the username or password is wrong');
    }
    options.guard.succeeded(caller);
    const { token, expiresIn } = await issueAdminJwt(options.deps, admin, options.lifetimeSeconds);
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  });
  done();
}
