import type { AppError } from '../../errors/app-error.ts';
import type { ErrorCode } from '../../errors/catalog.ts';
import { type Rendered, retryAfterHeader } from './rendered.ts';

/** The `error` values of RFC 6749 §4.1.2.1 and §5.2 that this server sends. */
type OAuthErrorValue =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable';

/** Each code as OAuth names it; what OAuth has no name for is a request the server will not take. */
const OAUTH_ERROR: Record<ErrorCode, OAuthErrorValue> = {
  invalidFilter: 'invalid_request',
  uniqueness: 'invalid_request',
  mutability: 'invalid_request',
  invalidSyntax: 'invalid_request',
  invalidPath: 'invalid_request',
  noTarget: 'invalid_request',
  invalidValue: 'invalid_request',
  invalidCursor: 'invalid_request',
  expiredCursor: 'invalid_request',
  invalidCount: 'invalid_request',
  unauthenticated: 'invalid_client',
  forbidden: 'access_denied',
  notFound: 'invalid_request',
  methodNotAllowed: 'invalid_request',
  requestTimeout: 'invalid_request',
  conflict: 'invalid_request',
  preconditionFailed: 'invalid_request',
  bodyTooLarge: 'invalid_request',
  unsupportedMediaType: 'invalid_request',
  rateLimited: 'temporarily_unavailable',
  headersTooLarge: 'invalid_request',
  internal: 'server_error',
  notImplemented: 'invalid_request',
  unavailable: 'temporarily_unavailable',
  invalidRequest: 'invalid_request',
  invalidClient: 'invalid_client',
  invalidGrant: 'invalid_grant',
  unauthorizedClient: 'unauthorized_client',
  unsupportedGrantType: 'unsupported_grant_type',
  unsupportedResponseType: 'unsupported_response_type',
  invalidScope: 'invalid_scope',
  accessDenied: 'access_denied',
  usage: 'invalid_request',
  unreachable: 'temporarily_unavailable',
};

/** The error and its description, as a redirect's query or a JSON body carries them. */
export function oauthParams(error: AppError): { error: OAuthErrorValue; error_description: string } {
  return { error: OAUTH_ERROR[error.code], error_description: error.message };
}

/**
 * RFC 6749 §5.2: JSON that no cache may keep (§5.1; Pragma for HTTP/1.0 caches), and a 401 challenges
 * for the client's Basic credentials.
 */
export function renderOAuth(error: AppError): Rendered {
  return {
    status: error.status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
      ...(error.status === 401 ? { 'WWW-Authenticate': 'Basic realm="oauth", charset="UTF-8"' } : {}),
      ...retryAfterHeader(error),
    },
    body: oauthParams(error),
  };
}
