import type { OAuthToken } from '../store/port.ts';
import { newSecret, sha256 } from './secrets.ts';

export const ACCESS_PREFIX = 'scimat_';
const REFRESH_PREFIX = 'scimrt_';
const ACCESS_TTL_S = 3_600;
/** A refresh token lives this long from its own issue; each refresh starts the clock again. */
const REFRESH_TTL_MS = 180 * 86_400_000;
/** The one scope: the tenant's SCIM API. */
export const SCOPE = 'scim';

export const isOAuthAccessToken = (token: string) => token.startsWith(ACCESS_PREFIX);

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

export const after = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/** A new access token (and refresh token): the answer the client gets, and the rows that store their hashes. */
export function mint(now: Date, withRefresh: boolean): { response: TokenResponse; rows: OAuthToken[] } {
  const access = newSecret(ACCESS_PREFIX);
  const rows: OAuthToken[] = [
    {
      tokenHash: sha256(access),
      kind: 'access',
      expiresAt: after(now, ACCESS_TTL_S * 1000),
      spentAt: undefined,
    },
  ];
  const response: TokenResponse = {
    access_token: access,
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_S,
    scope: SCOPE,
  };
  if (withRefresh) {
    const refresh = newSecret(REFRESH_PREFIX);
    rows.push({
      tokenHash: sha256(refresh),
      kind: 'refresh',
      expiresAt: after(now, REFRESH_TTL_MS),
      spentAt: undefined,
    });
    response.refresh_token = refresh;
  }
  return { response, rows };
}
