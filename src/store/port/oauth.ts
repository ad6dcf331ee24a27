import type { TenantId } from './tenants.ts';

/** An OAuth app registration: an IdP connection such as Okta's "OAuth 2" authentication mode. */
export interface OAuthClient {
  readonly tenant: TenantId;
  /** The client_id. */
  readonly id: string;
  readonly name: string;
  /** Compared exactly, character for character. */
  readonly redirectUris: readonly string[];
  /**
   * Whether the client may use grant_type=client_credentials: a write token from its secret alone,
   * with no admin's consent, so only for clients registered for it.
   */
  readonly allowClientCredentials: boolean;
  readonly createdAt: string;
}

export interface OAuthCode {
  readonly tenant: TenantId;
  readonly codeHash: string;
  readonly clientId: string;
  readonly adminId: string;
  /** The redirect_uri of the authorization request, when it named one. */
  readonly redirectUri: string | undefined;
  /** The PKCE S256 challenge, when the client sent one. */
  readonly codeChallenge: string | undefined;
  readonly expiresAt: string;
  /** The grant the code was redeemed for; undefined until then. */
  readonly grantId: string | undefined;
}

/** One authorization: a refresh-token family, or one client-credentials token. */
export interface OAuthGrant {
  readonly tenant: TenantId;
  readonly id: string;
  readonly clientId: string;
  /** The admin who consented; undefined for client credentials. */
  readonly adminId: string | undefined;
  readonly createdAt: string;
  readonly revokedAt: string | undefined;
}

/** A grant as it is made: live, in the tenant of the store that records it. */
export type NewGrant = Omit<OAuthGrant, 'tenant' | 'revokedAt'>;

export interface OAuthToken {
  readonly tokenHash: string;
  readonly kind: 'access' | 'refresh';
  readonly expiresAt: string;
  /** A refresh token that was already exchanged. */
  readonly spentAt: string | undefined;
}

/**
 * A tenant's OAuth authorization server state. Inside a transaction, `getCode` and `findToken` lock
 * the row they read until it ends, so two requests racing with one code or refresh token queue.
 */
export interface OAuthStore {
  createClient(client: Omit<OAuthClient, 'tenant'>, secretHash: string): Promise<void>;
  getClient(clientId: string): Promise<(OAuthClient & { readonly secretHash: string }) | undefined>;
  listClients(): Promise<OAuthClient[]>;
  /** Deletes the client with its codes, grants and tokens. False when there was none. */
  deleteClient(clientId: string): Promise<boolean>;
  saveCode(code: Omit<OAuthCode, 'tenant' | 'grantId'>): Promise<void>;
  getCode(codeHash: string): Promise<OAuthCode | undefined>;
  /** Records that the code was redeemed for `grantId`. */
  redeemCode(codeHash: string, grantId: string): Promise<void>;
  /** Records a new grant with its first tokens, atomically. */
  createGrant(grant: NewGrant, tokens: readonly OAuthToken[]): Promise<void>;
  /** A token by hash, with its grant. */
  findToken(tokenHash: string): Promise<(OAuthToken & { readonly grant: OAuthGrant }) | undefined>;
  /** Marks a refresh token spent and adds `tokens` to its grant. */
  spendRefresh(
    refreshHash: string,
    now: string,
    grantId: string,
    tokens: readonly OAuthToken[],
  ): Promise<void>;
  /** False when the grant was already revoked (or does not exist). */
  revokeGrant(grantId: string, now: string): Promise<boolean>;
}
