import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBasic } from '../../auth/basic-auth.ts';
import { OAuthError } from '../../auth/oauth-error.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { clientCredentials } from '../../service/oauth/client-credentials.ts';
import { authenticateClient } from '../../service/oauth/clients.ts';
import { exchangeCode } from '../../service/oauth/exchange-code.ts';
import { refresh } from '../../service/oauth/refresh.ts';
import { revokeToken } from '../../service/oauth/revoke.ts';
import type { OAuthClient, TenantId } from '../../store/port.ts';
import type { RouteOptions } from '../route-options.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { optionalParam, param, refuseNul } from './oauth-error.ts';

const CLIENT_FIELDS = ['client_id', 'client_secret'];

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into Basic. */
function formDecode(text: string): string {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    decoded = undefined;
  }
  // `%00` decodes to NUL, which no client id has and PostgreSQL cannot look up.
  if (decoded === undefined || decoded.includes('\0'))
    throw new OAuthError('invalid_client', 'the client credentials are malformed');
  return decoded;
}

/** client_secret_basic or client_secret_post, never both (RFC 6749 §2.3). */
async function authenticatedClient(
  deps: ServiceDeps,
  guard: LoginGuard,
  request: FastifyRequest,
): Promise<OAuthClient> {
  const { tenant } = request.params as { tenant: string };
  const header = request.headers.authorization;
  const bodyId = optionalParam(request.body, 'client_id');
  const bodySecret = optionalParam(request.body, 'client_secret');
  let id: string;
  let secret: string;
  if (header !== undefined) {
    const basic = parseBasic(header);
    if (!basic) throw new OAuthError('invalid_client', 'use HTTP Basic for the client credentials');
    if (bodySecret !== undefined)
      throw new OAuthError('invalid_request', 'send the client secret one way only');
    id = formDecode(basic.username);
    secret = formDecode(basic.password);
    if (bodyId !== undefined && bodyId !== id)
      throw new OAuthError('invalid_request', 'client_id differs from the Basic one');
  } else {
    if (bodyId === undefined || bodySecret === undefined)
      throw new OAuthError('invalid_client', 'client authentication is required');
    id = bodyId;
    secret = bodySecret;
  }
  const account = LoginGuard.account(tenant, id);
  guard.check(request, account);
  const client = await authenticateClient(deps, tenant as TenantId, id, secret);
  if (!client) {
    guard.failed(request, account);
    throw new OAuthError('invalid_client', 'unknown client or wrong secret');
  }
  guard.succeeded(request, account);
  return client;
}

/** `POST /token` (RFC 6749 §3.2) and `POST /revoke` (RFC 7009), both form-encoded. */
export function tokenRoutes(app: FastifyInstance, { deps, guard }: RouteOptions): void {
  app.post('/token', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request) => {
    const client = await authenticatedClient(deps, guard, request);
    const body = request.body;
    const grantType = param(body, 'grant_type');
    switch (grantType) {
      case 'authorization_code':
        return exchangeCode(deps, client, {
          code: param(body, 'code'),
          redirectUri: optionalParam(body, 'redirect_uri'),
          codeVerifier: optionalParam(body, 'code_verifier'),
        });
      case 'refresh_token':
        return refresh(deps, client, param(body, 'refresh_token'));
      case 'client_credentials':
        return clientCredentials(deps, client, optionalParam(body, 'scope'));
      default:
        throw new OAuthError('unsupported_grant_type', `grant_type '${grantType}' is not supported`);
    }
  });

  app.post('/revoke', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request, reply) => {
    const client = await authenticatedClient(deps, guard, request);
    await revokeToken(deps, client, param(request.body, 'token'));
    return reply.code(200).send();
  });
}
