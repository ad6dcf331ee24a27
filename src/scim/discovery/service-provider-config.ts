import { CURSOR_TIMEOUT_SECONDS } from '../list/cursor.ts';

/**
 * RFC 7643 §5: what this server supports, stated exactly as it behaves. `changePassword` is the
 * tenant's password sync (its policy's `passwords.sync`); off unless said. `pagination` is RFC 9865's:
 * both methods, index unless the client sends `cursor`; `maxPageSize` is the clamp of `count`.
 */
export function serviceProviderConfig(
  baseUrl: string,
  limits: {
    maxResults: number;
    defaultPageSize: number;
    maxPayloadSize: number;
    maxOperations: number;
    changePassword?: boolean;
  },
) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/scimitar/scimitar#readme',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: limits.maxOperations, maxPayloadSize: limits.maxPayloadSize },
    filter: { supported: true, maxResults: limits.maxResults },
    changePassword: { supported: limits.changePassword ?? false },
    sort: { supported: true },
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxResults,
      cursorTimeout: CURSOR_TIMEOUT_SECONDS,
    },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description:
          'A tenant API token, a JWT requested with an admin\'s credentials, or an OAuth 2.0 access token, sent as "Authorization: Bearer <token>".',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
      {
        type: 'httpbasic',
        name: 'HTTP Basic',
        description: 'The username and password of a tenant admin or provisioning account.',
        specUri: 'https://www.rfc-editor.org/rfc/rfc7617',
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}
