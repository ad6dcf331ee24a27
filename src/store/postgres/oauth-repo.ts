import type { OAuthGrant, OAuthStore, OAuthToken, OneTimeUse } from '../port.ts';
import {
  CLIENT_COLUMNS,
  type ClientRow,
  CODE_COLUMNS,
  type CodeRow,
  REFUSED,
  TOKEN_WITH_GRANT,
  type TokenRow,
  toClient,
  toCode,
  toTokenWithGrant,
  USED,
} from '../sql/oauth-rows.ts';
import { type Atomic, prepared, type Queryable } from './queryable.ts';

async function insertGrant(db: Queryable, grant: OAuthGrant): Promise<void> {
  await db.query(
    prepared(
      'INSERT INTO oauth_grants (tenant_id, id, client_id, admin_id, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)',
      [grant.tenant, grant.id, grant.clientId, grant.adminId ?? null, grant.createdAt],
    ),
  );
}

async function insertTokens(db: Queryable, tenant: string, grantId: string, tokens: readonly OAuthToken[]) {
  for (const token of tokens) {
    await db.query(
      prepared(
        'INSERT INTO oauth_tokens (tenant_id, token_hash, grant_id, kind, expires_at, spent_at) VALUES ($1, $2, $3, $4, $5, NULL)',
        [tenant, token.tokenHash, grantId, token.kind, token.expiresAt],
      ),
    );
  }
}

async function revoke(db: Queryable, tenant: string, grantId: string, now: string): Promise<boolean> {
  const { rowCount } = await db.query(
    prepared(
      'UPDATE oauth_grants SET revoked_at = $1 WHERE tenant_id = $2 AND id = $3 AND revoked_at IS NULL',
      [now, tenant, grantId],
    ),
  );
  return (rowCount ?? 0) > 0;
}

async function replayed(db: Queryable, tenant: string, grantId: string, now: string): Promise<OneTimeUse> {
  return { ok: false, revoked: (await revoke(db, tenant, grantId, now)) ? grantId : undefined };
}

/**
 * The OAuth authorization server's state. A code or refresh token is locked (FOR UPDATE) while it is
 * redeemed, so two processes racing with the same one cannot both win: the second sees it spent.
 */
export function oauthRepo(db: Queryable, atomic: Atomic): OAuthStore {
  return {
    async createClient(client, secretHash) {
      await db.query(
        prepared(
          `INSERT INTO oauth_clients (${CLIENT_COLUMNS}, secret_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            client.tenant,
            client.id,
            client.name,
            JSON.stringify(client.redirectUris),
            client.createdAt,
            client.allowClientCredentials,
            secretHash,
          ],
        ),
      );
    },
    async getClient(tenant, clientId) {
      const { rows } = await db.query<ClientRow>(
        prepared(
          `SELECT ${CLIENT_COLUMNS}, secret_hash FROM oauth_clients WHERE tenant_id = $1 AND id = $2`,
          [tenant, clientId],
        ),
      );
      return rows[0] && { ...toClient(rows[0]), secretHash: rows[0].secret_hash };
    },
    async listClients(tenant) {
      const { rows } = await db.query<ClientRow>(
        prepared(`SELECT ${CLIENT_COLUMNS} FROM oauth_clients WHERE tenant_id = $1 ORDER BY created_at`, [
          tenant,
        ]),
      );
      return rows.map(toClient);
    },
    async deleteClient(tenant, clientId) {
      const { rowCount } = await db.query(
        prepared('DELETE FROM oauth_clients WHERE tenant_id = $1 AND id = $2', [tenant, clientId]),
      );
      return (rowCount ?? 0) > 0;
    },
    async saveCode(code) {
      await db.query(
        prepared(
          `INSERT INTO oauth_codes (tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            code.tenant,
            code.codeHash,
            code.clientId,
            code.adminId,
            code.redirectUri ?? null,
            code.codeChallenge ?? null,
            code.expiresAt,
          ],
        ),
      );
    },
    async getCode(tenant, codeHash) {
      const { rows } = await db.query<CodeRow>(
        prepared(`SELECT ${CODE_COLUMNS} FROM oauth_codes WHERE tenant_id = $1 AND code_hash = $2`, [
          tenant,
          codeHash,
        ]),
      );
      return rows[0] && toCode(rows[0]);
    },
    redeemCode(tenant, codeHash, grant, tokens) {
      return atomic(async (tx) => {
        const { rows } = await tx.query<{ grant_id: string | null }>(
          prepared('SELECT grant_id FROM oauth_codes WHERE tenant_id = $1 AND code_hash = $2 FOR UPDATE', [
            tenant,
            codeHash,
          ]),
        );
        const previous = rows[0];
        if (!previous) return REFUSED;
        if (previous.grant_id !== null) return replayed(tx, tenant, previous.grant_id, grant.createdAt);
        await insertGrant(tx, grant);
        await insertTokens(tx, tenant, grant.id, tokens);
        await tx.query(
          prepared('UPDATE oauth_codes SET grant_id = $1 WHERE tenant_id = $2 AND code_hash = $3', [
            grant.id,
            tenant,
            codeHash,
          ]),
        );
        return USED;
      });
    },
    createGrant(grant, tokens) {
      return atomic(async (tx) => {
        await insertGrant(tx, grant);
        await insertTokens(tx, grant.tenant, grant.id, tokens);
      });
    },
    async findToken(tenant, tokenHash) {
      const { rows } = await db.query<TokenRow>(
        prepared(`${TOKEN_WITH_GRANT} WHERE t.tenant_id = $1 AND t.token_hash = $2`, [tenant, tokenHash]),
      );
      return rows[0] && toTokenWithGrant(rows[0]);
    },
    rotateRefresh(tenant, refreshHash, now, tokens) {
      return atomic(async (tx) => {
        const { rows } = await tx.query<{ grant_id: string; spent_at: string | null }>(
          prepared(
            `SELECT grant_id, spent_at FROM oauth_tokens WHERE tenant_id = $1 AND token_hash = $2 AND kind = 'refresh'
             FOR UPDATE`,
            [tenant, refreshHash],
          ),
        );
        const row = rows[0];
        if (!row) return REFUSED;
        if (row.spent_at !== null) return replayed(tx, tenant, row.grant_id, now);
        await tx.query(
          prepared('UPDATE oauth_tokens SET spent_at = $1 WHERE tenant_id = $2 AND token_hash = $3', [
            now,
            tenant,
            refreshHash,
          ]),
        );
        await insertTokens(tx, tenant, row.grant_id, tokens);
        return USED;
      });
    },
    revokeGrant(tenant, grantId, now) {
      return revoke(db, tenant, grantId, now);
    },
  };
}
