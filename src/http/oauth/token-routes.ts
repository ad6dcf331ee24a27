import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { CLIENT_FIELDS, presentedClient } from '../../service/oauth/client-authentication.ts';
import { authenticateClient } from '../../service/oauth/clients.ts';
import { param } from '../../service/oauth/params.ts';
import { revokeToken } from '../../service/oauth/revoke.ts';
import { answerTokenRequest } from '../../service/oauth/token-request.ts';
import type { OAuthClient } from '../../store/port.ts';
import type { RouteOptions } from '../route-options.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { refuseNul } from './oauth-params.ts';

/** The client a token or revocation request authenticates as. */
async function authenticatedClient(
  deps: ServiceDeps,
  guard: LoginGuard,
  request: FastifyRequest,
): Promise<OAuthClient> {
  const tenant = tenantSegment(request);
  const { id, secret } = presentedClient(request.headers.authorization, request.body);
  // A client secret is 256 random bits compared by its SHA-256: checking it first gives a guesser
  // nothing, and keeps a valid client served however many failures its address made.
  return guard.verifyFirst(
    LoginGuard.caller(request, tenant, id),
    async () => {
      const parsed = tenantParam(request);
      const client = parsed && (await authenticateClient(deps, parsed, id, secret));
      if (!client) throw new AppError('invalidClient', 'unknown client or wrong secret');
      return client;
    },
    (error) => error instanceof AppError && error.code === 'invalidClient',
  );
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
