import { AppError } from '../../errors/app-error.ts';
import type { OAuthClient, TenantId } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';
import { findClient } from './clients.ts';
import { challengeProblem } from './pkce.ts';
import { beyondScope, KNOWN_SCOPES_HINT } from './scope.ts';

/** The authorization request's parameters that travel through the consent form. */
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
];

export interface AuthorizationRequest {
  readonly client: OAuthClient;
  /** Where to send the answer: the given redirect_uri, or the client's only registered one. */
  readonly redirectTo: string;
  readonly redirectUriGiven: string | undefined;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly fields: Record<string, string>;
}

/**
 * Until client and redirect URI are known good, a failure is told to the admin on our own page (the
 * redirect URI cannot be trusted, §4.1.2.1); after that, to the client by redirecting to it.
 */
const deadEnd = (detail: string) => new AppError('invalidRequest', detail);

function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw deadEnd(`${name} must be given once`);
  return value;
}

/**
 * RFC 6749 §4.1.1 and RFC 7636 §4.3: validates client and redirect URI first (a failure, returned, is
 * a dead end shown to the admin), then the rest (a failure, in `error`, is redirected to the client).
 */
export async function parseAuthorizationRequest(
  deps: ServiceDeps,
  tenant: TenantId | undefined,
  params: Record<string, unknown>,
): Promise<{ request: AuthorizationRequest; error: AppError | undefined } | AppError> {
  try {
    return await parseRequest(deps, tenant, params);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

async function parseRequest(
  deps: ServiceDeps,
  tenant: TenantId | undefined,
  params: Record<string, unknown>,
): Promise<{ request: AuthorizationRequest; error: AppError | undefined }> {
  const clientId = single(params, 'client_id');
  const client =
    clientId === undefined || tenant === undefined ? undefined : await findClient(deps, tenant, clientId);
  if (!client) throw deadEnd('The application (client_id) is not registered with this tenant.');
  const given = single(params, 'redirect_uri');
  if (given !== undefined && !client.redirectUris.includes(given))
    throw deadEnd('The redirect_uri is not one registered for this application.');
  const redirectTo = given ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (redirectTo === undefined) throw deadEnd('The request must name one of the registered redirect URIs.');

  const fields: Record<string, string> = {};
  for (const name of CARRIED) {
    const value = single(params, name);
    if (value !== undefined) fields[name] = value;
  }
  const request = {
    client,
    redirectTo,
    redirectUriGiven: given,
    state: fields.state,
    codeChallenge: fields.code_challenge,
    fields,
  };
  return { request, error: requestError(fields) };
}

/** Checked once client and redirect URI are known good, so each of these errors is redirected. */
function requestError(fields: Record<string, string>): AppError | undefined {
  if (fields.response_type === undefined) return new AppError('invalidRequest', 'response_type is required');
  if (fields.response_type !== 'code')
    return new AppError('unsupportedResponseType', 'only response_type=code is supported');
  const pkce = challengeProblem(fields.code_challenge, fields.code_challenge_method);
  if (pkce !== undefined) return new AppError('invalidRequest', pkce);
  if (beyondScope(fields.scope)) return new AppError('invalidScope', KNOWN_SCOPES_HINT);
  return undefined;
}
