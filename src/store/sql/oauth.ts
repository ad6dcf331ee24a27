import type { OAuthClient, OAuthCode, OAuthGrant, OAuthStore, OAuthToken, TenantId } from '../port.ts';
import type { Db } from './driver.ts';

interface ClientRow {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  redirect_uris_json: string;
  created_at: string;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  allow_client_credentials: number | boolean;
}

interface GrantRow {
  tenant_id: string;
  id: string;
  client_id: string;
  admin_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

interface TokenRow extends GrantRow {
  token_hash: string;
  kind: OAuthToken['kind'];
  expires_at: string;
  spent_at: string | null;
}

interface CodeRow {
  tenant_id: string;
  code_hash: string;
  client_id: string;
  admin_id: string;
  redirect_uri: string | null;
  code_challenge: string | null;
  expires_at: string;
  grant_id: string | null;
}

const CLIENT_COLUMNS = 'tenant_id, id, name, redirect_uris_json, created_at, allow_client_credentials';
const CODE_COLUMNS =
  'tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at, grant_id';
const TOKEN_WITH_GRANT = `SELECT g.tenant_id, g.id, g.client_id, g.admin_id, g.created_at, g.revoked_at,
  t.token_hash, t.kind, t.expires_at, t.spent_at FROM oauth_tokens t
  JOIN oauth_grants g ON g.tenant_id = t.tenant_id AND g.id = t.grant_id`;

function toClient(row: ClientRow): OAuthClient {
  return {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris_json) as string[],
    allowClientCredentials: row.allow_client_credentials === true || row.allow_client_credentials === 1,
    createdAt: row.created_at,
  };
}

function toCode(row: CodeRow): OAuthCode {
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

function toTokenWithGrant(row: TokenRow): OAuthToken & { readonly grant: OAuthGrant } {
  const grant: OAuthGrant = {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    clientId: row.client_id,
    adminId: row.admin_id ?? undefined,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
  };
  const spentAt = row.spent_at ?? undefined;
  return { tokenHash: row.token_hash, kind: row.kind, expiresAt: row.expires_at, spentAt, grant };
}

/**
 * A tenant's OAuth authorization server state. Inside a transaction a code or refresh token is locked
 * while it is read, so two requests racing with the same one cannot both win: the second sees it used.
 */
export function oauthRepo(db: Db, tenant: string): OAuthStore {
  async function addTokens(tx: Db, grantId: string, tokens: readonly OAuthToken[]) {
    const sql = `INSERT INTO oauth_tokens (tenant_id, token_hash, grant_id, kind, expires_at, spent_at)
      VALUES ($1, $2, $3, $4, $5, NULL)`;
    for (const token of tokens)
      await tx.run(sql, [tenant, token.tokenHash, grantId, token.kind, token.expiresAt]);
  }

  return {
    async createClient(client, secretHash) {
      await db.run(
        `INSERT INTO oauth_clients (${CLIENT_COLUMNS}, secret_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          tenant,
          client.id,
          client.name,
          JSON.stringify(client.redirectUris),
          client.createdAt,
          client.allowClientCredentials,
          secretHash,
        ],
      );
    },
    async getClient(clientId) {
      const sql = `SELECT ${CLIENT_COLUMNS}, secret_hash FROM oauth_clients WHERE tenant_id = $1 AND id = $2`;
      const row = await db.get<ClientRow>(sql, [tenant, clientId]);
      return row && { ...toClient(row), secretHash: row.secret_hash };
    },
    async listClients() {
      const sql = `SELECT ${CLIENT_COLUMNS} FROM oauth_clients WHERE tenant_id = $1 ORDER BY created_at`;
      return (await db.all<ClientRow>(sql, [tenant])).map(toClient);
    },
    async deleteClient(clientId) {
      return (
        (await db.run('DELETE FROM oauth_clients WHERE tenant_id = $1 AND id = $2', [tenant, clientId])) > 0
      );
    },
    async saveCode(code) {
      await db.run(
        `INSERT INTO oauth_codes (tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          tenant,
          code.codeHash,
          code.clientId,
          code.adminId,
          code.redirectUri ?? null,
          code.codeChallenge ?? null,
          code.expiresAt,
        ],
      );
    },
    async getCode(codeHash) {
      const sql = `SELECT ${CODE_COLUMNS} FROM oauth_codes WHERE tenant_id = $1 AND code_hash = $2${db.lock('UPDATE')}`;
      const row = await db.get<CodeRow>(sql, [tenant, codeHash]);
      return row && toCode(row);
    },
    async redeemCode(codeHash, grantId) {
      await db.run('UPDATE oauth_codes SET grant_id = $1 WHERE tenant_id = $2 AND code_hash = $3', [
        grantId,
        tenant,
        codeHash,
      ]);
    },
    createGrant(grant, tokens) {
      return db.atomic(async (tx) => {
        await tx.run(
          `INSERT INTO oauth_grants (tenant_id, id, client_id, admin_id, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, NULL)`,
          [tenant, grant.id, grant.clientId, grant.adminId ?? null, grant.createdAt],
        );
        await addTokens(tx, grant.id, tokens);
      });
    },
    async findToken(tokenHash) {
      const sql = `${TOKEN_WITH_GRANT} WHERE t.tenant_id = $1 AND t.token_hash = $2${db.lock('UPDATE', 't')}`;
      const row = await db.get<TokenRow>(sql, [tenant, tokenHash]);
      return row && toTokenWithGrant(row);
    },
    spendRefresh(refreshHash, now, grantId, tokens) {
      return db.atomic(async (tx) => {
        const sql = 'UPDATE oauth_tokens SET spent_at = $1 WHERE tenant_id = $2 AND token_hash = $3';
        await tx.run(sql, [now, tenant, refreshHash]);
        await addTokens(tx, grantId, tokens);
      });
    },
    async revokeGrant(grantId, now) {
      const sql =
        'UPDATE oauth_grants SET revoked_at = $1 WHERE tenant_id = $2 AND id = $3 AND revoked_at IS NULL';
      return (await db.run(sql, [now, tenant, grantId])) > 0;
    },
  };
}
