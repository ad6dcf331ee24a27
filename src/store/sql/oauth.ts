import type { OAuthClient, OAuthCode, OAuthGrant, OAuthStore, OAuthToken } from '../port.ts';
import type { Db } from './driver.ts';

/** A client row: redirect URIs as JSON text, the flag as 0/1 on SQLite and a boolean on PostgreSQL. */
type ClientRow = Omit<OAuthClient, 'redirectUris' | 'allowClientCredentials'> & {
  redirectUris: string;
  allowClientCredentials: number | boolean;
};

const CLIENT = `SELECT tenant_id AS tenant, id, name, redirect_uris_json AS "redirectUris",
  allow_client_credentials AS "allowClientCredentials", created_at AS "createdAt"`;
const CODE = `SELECT tenant_id AS tenant, code_hash AS "codeHash", client_id AS "clientId", admin_id AS "adminId",
  redirect_uri AS "redirectUri", code_challenge AS "codeChallenge", expires_at AS "expiresAt", grant_id AS "grantId"
  FROM oauth_codes`;
const TOKEN_WITH_GRANT = `SELECT g.tenant_id AS tenant, g.id, g.client_id AS "clientId", g.admin_id AS "adminId",
  g.created_at AS "createdAt", g.revoked_at AS "revokedAt", t.token_hash AS "tokenHash", t.kind,
  t.expires_at AS "expiresAt", t.spent_at AS "spentAt"
  FROM oauth_tokens t JOIN oauth_grants g ON g.tenant_id = t.tenant_id AND g.id = t.grant_id`;

function toClient<T extends ClientRow>({ redirectUris, allowClientCredentials, ...rest }: T) {
  const allow = allowClientCredentials === true || allowClientCredentials === 1;
  return { ...rest, redirectUris: JSON.parse(redirectUris) as string[], allowClientCredentials: allow };
}

function toTokenWithGrant(row: OAuthToken & Omit<OAuthGrant, 'id'> & { id: string }) {
  const { tokenHash, kind, expiresAt, spentAt, ...grant } = row;
  return { tokenHash, kind, expiresAt, spentAt, grant: grant as OAuthGrant };
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
      const { id, name, createdAt, allowClientCredentials } = client;
      const uris = JSON.stringify(client.redirectUris);
      await db.run(
        `INSERT INTO oauth_clients (tenant_id, id, name, redirect_uris_json, created_at, allow_client_credentials, secret_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenant, id, name, uris, createdAt, allowClientCredentials, secretHash],
      );
    },
    async getClient(clientId) {
      const sql = `${CLIENT}, secret_hash AS "secretHash" FROM oauth_clients WHERE tenant_id = $1 AND id = $2`;
      const row = await db.get<ClientRow & { secretHash: string }>(sql, [tenant, clientId]);
      return row && toClient(row);
    },
    async listClients() {
      const sql = `${CLIENT} FROM oauth_clients WHERE tenant_id = $1 ORDER BY created_at`;
      return (await db.all<ClientRow>(sql, [tenant])).map(toClient);
    },
    async deleteClient(clientId) {
      return (
        (await db.run('DELETE FROM oauth_clients WHERE tenant_id = $1 AND id = $2', [tenant, clientId])) > 0
      );
    },
    async saveCode(code) {
      const { codeHash, clientId, adminId, expiresAt } = code;
      const asked = [code.redirectUri ?? null, code.codeChallenge ?? null];
      await db.run(
        `INSERT INTO oauth_codes (tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [tenant, codeHash, clientId, adminId, ...asked, expiresAt],
      );
    },
    getCode(codeHash) {
      const sql = `${CODE} WHERE tenant_id = $1 AND code_hash = $2${db.lock('UPDATE')}`;
      return db.get<OAuthCode>(sql, [tenant, codeHash]);
    },
    async redeemCode(codeHash, grantId) {
      const sql = 'UPDATE oauth_codes SET grant_id = $1 WHERE tenant_id = $2 AND code_hash = $3';
      await db.run(sql, [grantId, tenant, codeHash]);
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
      const row = await db.get<Parameters<typeof toTokenWithGrant>[0]>(sql, [tenant, tokenHash]);
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
