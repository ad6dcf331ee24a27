import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseBasic } from '../../auth/basic-auth.ts';
import { authenticateClient } from '../../auth/oauth-clients.ts';
import { clientCredentials, exchangeCode, refresh, revokeToken } from '../../auth/oauth-grants.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient, Store } from '../../store/port.ts';
import { tenantParam, tenantSegment } from '../tenant-param.ts';
import { LoginGuard } from '../throttle/login-guard.ts';
import { optionalParam, param, refuseNul } from './oauth-params.ts';

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
    throw new AppError('invalidClient', 'the client credentials are malformed');
  return decoded;
}

/** client_secret_basic or client_secret_post, never both (RFC 6749 §2.3). */
async function authenticatedClient(
  store: Store,
  guard: LoginGuard,
  request: FastifyRequest,
): Promise<OAuthClient> {
  const tenant = tenantSegment(request);
  const header = request.headers.authorization;
  const bodyId = optionalParam(request.body, 'client_id');
  const bodySecret = optionalParam(request.body, 'client_secret');
  let id: string;
  let secret: string;
  if (header !== undefined) {
    const basic = parseBasic(header);
    if (!basic) throw new AppError('invalidClient', 'use HTTP Basic for the client credentials');
    if (bodySecret !== undefined) throw new AppError('invalidRequest', 'send the client secret one way only');
    id = formDecode(basic.username);
    secret = formDecode(basic.password);
    if (bodyId !== undefined && bodyId !== id)
      throw new AppError('invalidRequest', 'client_id differs from the Basic one');
  } else {
    if (bodyId === undefined || bodySecret === undefined)
      throw new AppError('invalidClient', 'client authentication is required');
    id = bodyId;
    secret = bodySecret;
  }
  // A client secret is 256 random bits compared by its SHA-256: checking it first gives a guesser
  // nothing, and keeps a valid client served however many failures its address made.
  return guard.verifyFirst(
    LoginGuard.caller(request, tenant, id),
    async () => {
      const parsed = tenantParam(request);
      const client = parsed && (await authenticateClient(store, parsed, id, secret));
      if (!client) throw new AppError('invalidClient', 'unknown client or wrong secret');
      return client;
    },
    (error) => error instanceof AppError && error.code === 'invalidClient',
  );
}

export interface TokenRouteOptions {
  readonly store: Store;
  readonly now: () => Date;
  readonly guard: LoginGuard;
}

/** `POST /token` (RFC 6749 §3.2) and `POST /revoke` (RFC 7009), both form-encoded. */
export function tokenRoutes(app: FastifyInstance, { store, now, guard }: TokenRouteOptions): void {
  app.post('/token', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request) => {
    const client = await authenticatedClient(store, guard, request);
    const body = request.body;
    const grantType = param(body, 'grant_type');
    switch (grantType) {
      case 'authorization_code':
        return exchangeCode(
          store,
          client,
          {
            code: param(body, 'code'),
            redirectUri: optionalParam(body, 'redirect_uri'),
            codeVerifier: optionalParam(body, 'code_verifier'),
          },
          now(),
        );
      case 'refresh_token':
        return refresh(store, client, param(body, 'refresh_token'), now());
      case 'client_credentials':
        return clientCredentials(store, client, optionalParam(body, 'scope'), now());
      default:
        throw new AppError('unsupportedGrantType', `grant_type '${grantType}' is not supported`);
    }
  });

  app.post('/revoke', { preValidation: refuseNul(CLIENT_FIELDS) }, async (request, reply) => {
    const client = await authenticatedClient(store, guard, request);
    await revokeToken(store, client, param(request.body, 'token'), now());
    return reply.code(200).send();
  });
}
