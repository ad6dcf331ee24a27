import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { CLIENT_FIELDS, presentedClient } from '../../service/oauth/client-authentication.ts';
import { authenticateClient } from '../../service/oauth/clients.ts';
import { param } from '../../service/oauth/params.ts';
import { revokeToken } from '../../service/oauth/revoke.ts';
import { answerTokenRequest } from '../../service/oauth/token-request.ts';
import type { OAuthClient, TenantId } from '../../store/port.ts';
import type { RouteOptions } from '../route-options.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { refuseNul } from './oauth-params.ts';

/** The client a request authenticates as, with failed attempts throttled like any sign-in. */
async function authenticatedClient(
  deps: ServiceDeps,
  guard: LoginGuard,
  request: FastifyRequest,
): Promise<OAuthClient> {
  const { tenant } = request.params as { tenant: string };
  const { id, secret } = presentedClient(request.headers.authorization, request.body);
  const account = LoginGuard.account(tenant, id);
  guard.check(request, account);
  const client = await authenticateClient(deps, tenant as TenantId, id, secret);
  if (!client) {
    guard.failed(request, account);
    throw new AppError('invalidClient', 'unknown client or wrong secret');
  }
  guard.succeeded(request, account);
  return client;
}

/** `POST /token` (RFC 6749 §3.2) and `POST /revoke` (RFC 7009), both form-encoded. */
export function tokenRoutes(app: FastifyInstance, { deps, guard }: RouteOptions): void {
  app.post('/token', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request) => {
    const client = await authenticatedClient(deps, guard, request);
    return answerTokenRequest(deps, client, request.body);
  });

  app.post('/revoke', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request, reply) => {
    const client = await authenticatedClient(deps, guard, request);
    await revokeToken(deps, client, param(request.body, 'token'));
    return reply.code(200).send();
  });
}
