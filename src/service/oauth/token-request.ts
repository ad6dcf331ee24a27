import type { TokenResponse } from '../../auth/oauth-tokens.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';
import { clientCredentials } from './client-credentials.ts';
import { exchangeCode } from './exchange-code.ts';
import { optionalParam, param } from './params.ts';
import { refresh } from './refresh.ts';

/** RFC 6749 §3.2: a token request of an authenticated client, answered as its grant type says. */
export function answerTokenRequest(
  deps: ServiceDeps,
  client: OAuthClient,
  body: unknown,
): Promise<TokenResponse> {
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
      throw new AppError('unsupportedGrantType', `grant_type '${grantType}' is not supported`);
  }
}
