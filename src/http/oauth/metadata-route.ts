import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPE } from '../../auth/oauth-tokens.ts';
import { originOf } from '../scim/scim-context.ts';
import { tenantParam } from '../tenant-param.ts';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

/**
 * RFC 8414 metadata of each tenant's authorization server. The issuer is `{origin}/tenants/{t}`, so
 * the metadata lives at `/.well-known/oauth-authorization-server/tenants/{t}` (§3.1, path inserted);
 * `/tenants/{t}/.well-known/oauth-authorization-server` answers too, for clients that append. It is
 * the same for every well-formed tenant name, so it does not tell which tenants exist.
 */
export function metadataRoutes(app: FastifyInstance, publicUrl: string | undefined): void {
  const handler = async (request: FastifyRequest) => {
    const tenant = tenantParam(request);
    if (tenant === undefined) return undefined;
    const issuer = `${originOf(request, publicUrl)}/tenants/${tenant}`;
    return {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      revocation_endpoint_auth_methods_supported: AUTH_METHODS,
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [SCOPE],
    };
  };
  app.get('/.well-known/oauth-authorization-server/tenants/:tenant', async (request, reply) => {
    return (await handler(request)) ?? reply.callNotFound();
  });
  app.get('/tenants/:tenant/.well-known/oauth-authorization-server', async (request, reply) => {
    return (await handler(request)) ?? reply.callNotFound();
  });
}
