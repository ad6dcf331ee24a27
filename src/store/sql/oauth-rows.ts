import type { OAuthClient, OAuthCode, OAuthGrant, OAuthToken, OneTimeUse, TenantId } from '../port.ts';

/** Rows of the OAuth tables, mapped alike for both dialects. */

/** A code or refresh token used now; one refused without a replay to revoke (it is unknown). */
export const USED: OneTimeUse = { ok: true };
export const REFUSED: OneTimeUse = { ok: false, revoked: undefined };

export interface ClientRow {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  redirect_uris_json: string;
  created_at: string;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  allow_client_credentials: number | boolean;
}

export interface GrantRow {
  tenant_id: string;
  id: string;
  client_id: string;
  admin_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface TokenRow extends GrantRow {
  token_hash: string;
  kind: OAuthToken['kind'];
  expires_at: string;
  spent_at: string | null;
}

export interface CodeRow {
  tenant_id: string;
  code_hash: string;
  client_id: string;
  admin_id: string;
  redirect_uri: string | null;
  code_challenge: string | null;
  expires_at: string;
  grant_id: string | null;
}

export const CLIENT_COLUMNS = 'tenant_id, id, name, redirect_uris_json, created_at, allow_client_credentials';
export const CODE_COLUMNS =
  'tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at, grant_id';
export const TOKEN_WITH_GRANT = `SELECT g.tenant_id, g.id, g.client_id, g.admin_id, g.created_at, g.revoked_at,
  t.token_hash, t.kind, t.expires_at, t.spent_at FROM oauth_tokens t
  JOIN oauth_grants g ON g.tenant_id = t.tenant_id AND g.id = t.grant_id`;

export function toClient(row: ClientRow): OAuthClient {
  return {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris_json) as string[],
    allowClientCredentials: row.allow_client_credentials === true || row.allow_client_credentials === 1,
    createdAt: row.created_at,
  };
}

export function toGrant(row: GrantRow): OAuthGrant {
  return {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    clientId: row.client_id,
    adminId: row.admin_id ?? undefined,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}

export function toCode(row: CodeRow): OAuthCode & { readonly grantId: string | undefined } {
  return {
    tenant: row.tenant_id as TenantId,
    codeHash: row.code_hash,
    clientId: row.client_id,
    adminId: row.admin_id,
    redirectUri: row.redirect_uri ?? undefined,
    codeChallenge: row.code_challenge ?? undefined,
    expiresAt: row.expires_at,
    grantId: row.grant_id ?? undefined,
  };
}

export function toTokenWithGrant(row: TokenRow): OAuthToken & { readonly grant: OAuthGrant } {
  return {
    tokenHash: row.token_hash,
    kind: row.kind,
    expiresAt: row.expires_at,
    spentAt: row.spent_at ?? undefined,
    grant: toGrant(row),
  };
}
