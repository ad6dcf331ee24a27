import { mint, type TokenResponse } from '../../auth/oauth-tokens.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';
import { newGrant } from './grants.ts';
import { beyondScope, KNOWN_SCOPES_HINT } from './scope.ts';

/**
 * grant_type=client_credentials: an access token for the client itself, without a refresh token.
 * Only for clients registered for it: the secret alone would otherwise bypass the admin's consent.
 */
export async function clientCredentials(
  deps: ServiceDeps,
  client: OAuthClient,
  scope: string | undefined,
): Promise<TokenResponse> {
  if (!client.allowClientCredentials)
    throw new AppError('unauthorizedClient', 'this client is not registered for client credentials');
  if (beyondScope(scope)) throw new AppError('invalidScope', KNOWN_SCOPES_HINT);
  const now = deps.now();
  const { response, rows } = mint(now, false);
  await deps.store.forTenant(client.tenant).oauth.createGrant(newGrant(deps, client, undefined, now), rows);
  return response;
}
