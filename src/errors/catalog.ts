/**
 * Every error the server or the CLI can produce: its code, the HTTP status it answers with, and what it
 * means. Each surface renders a code in its own format (http/errors/ for SCIM, OAuth and the admin
 * API, with SCIM's scimType in scim/errors.ts; cli/report-error.ts for the command line), and each
 * maps every code, so a code added here does not compile until every surface says how to show it.
 */
export const CATALOG = {
  // RFC 7644 §3.12: the codes SCIM names; the SCIM surface sends each as its scimType.
  invalidFilter: { status: 400, meaning: 'the filter is malformed, or names an attribute it cannot use' },
  uniqueness: { status: 409, meaning: 'a value that must be unique in the tenant is already taken' },
  mutability: { status: 400, meaning: 'the change would alter an immutable or read-only attribute' },
  invalidSyntax: { status: 400, meaning: 'the body, a parameter or the request is not well formed' },
  invalidPath: { status: 400, meaning: 'a PATCH path is malformed or not supported' },
  noTarget: { status: 400, meaning: 'a PATCH path selects nothing to change' },
  invalidValue: { status: 400, meaning: 'a value is missing, of the wrong type, or not allowed' },
  // RFC 9865 §6: cursor pagination's own.
  invalidCursor: {
    status: 400,
    meaning:
      'the cursor is malformed, altered, or was issued for another tenant, resource type, filter or sort',
  },
  expiredCursor: { status: 400, meaning: 'the cursor is older than cursorTimeout; start the walk again' },
  invalidCount: { status: 400, meaning: 'the count of a cursor page is not a non-negative integer' },

  // HTTP's own.
  unauthenticated: { status: 401, meaning: 'no credential, or one that is malformed, unknown or revoked' },
  forbidden: { status: 403, meaning: 'the credential is good but may not do this' },
  notFound: { status: 404, meaning: 'no such resource, account or endpoint in this tenant' },
  methodNotAllowed: { status: 405, meaning: 'the endpoint exists, but not for this method' },
  requestTimeout: { status: 408, meaning: 'the request did not arrive in full in time' },
  conflict: {
    status: 409,
    meaning: 'the request conflicts with what exists, other than a taken unique value',
  },
  preconditionFailed: { status: 412, meaning: 'If-Match names a version that is no longer current' },
  bodyTooLarge: { status: 413, meaning: 'the request body, or a bulk request, is over its limit' },
  unsupportedMediaType: { status: 415, meaning: 'the body is in a content type this endpoint does not read' },
  rateLimited: { status: 429, meaning: 'too many requests or failed sign-ins; retry after Retry-After' },
  headersTooLarge: { status: 431, meaning: 'the request header section is over the server limit' },
  internal: { status: 500, meaning: 'an unexpected failure; the details are in the server log only' },
  notImplemented: { status: 501, meaning: 'the server does not offer this part of the protocol' },
  unavailable: {
    status: 503,
    meaning: 'the database or the password checks are busy or down; retry after Retry-After',
  },

  // OAuth 2.0 (RFC 6749 §4.1.2.1 and §5.2): the OAuth surface sends each as its `error`.
  invalidRequest: { status: 400, meaning: 'an OAuth request lacks, repeats or garbles a parameter' },
  invalidClient: { status: 401, meaning: 'the OAuth client is unknown or its authentication failed' },
  invalidGrant: { status: 400, meaning: 'the code, refresh token or password is invalid, expired or spent' },
  unauthorizedClient: { status: 400, meaning: 'the OAuth client may not use this grant type' },
  unsupportedGrantType: { status: 400, meaning: 'the grant type is not one the server supports' },
  unsupportedResponseType: { status: 400, meaning: 'the authorization request asks for other than a code' },
  invalidScope: { status: 400, meaning: 'the requested scope is beyond what the server grants' },
  accessDenied: { status: 403, meaning: 'the admin denied the authorization request' },

  // The command line's (over HTTP they would answer with these statuses).
  usage: { status: 400, meaning: 'scimitar check was given a URL, token or option it cannot use' },
  unreachable: { status: 502, meaning: 'the server scimitar check talks to did not answer' },
} as const satisfies Record<string, { readonly status: number; readonly meaning: string }>;

export type ErrorCode = keyof typeof CATALOG;
