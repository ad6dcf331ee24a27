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
import type { Statements } from './statements.ts';

/** The OAuth authorization server's state; every multi-statement change is one transaction. */
export function oauthRepo(
  writer: Statements,
  reader: Statements,
  write: <T>(work: () => T) => Promise<T>,
): OAuthStore {
  const atomically = <T>(work: () => T) => write(() => writer.atomically(work));

  const insertGrant = (grant: OAuthGrant) =>
    writer
      .get(
        'INSERT INTO oauth_grants (tenant_id, id, client_id, admin_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
      )
      .run(grant.tenant, grant.id, grant.clientId, grant.adminId ?? null, grant.createdAt);
  const insertTokens = (tenant: string, grantId: string, tokens: readonly OAuthToken[]) => {
    const insert = writer.get(
      'INSERT INTO oauth_tokens (tenant_id, token_hash, grant_id, kind, expires_at, spent_at) VALUES (?, ?, ?, ?, ?, NULL)',
    );
    for (const token of tokens) insert.run(tenant, token.tokenHash, grantId, token.kind, token.expiresAt);
  };
  const revoke = (tenant: string, grantId: string, now: string) =>
    writer
      .get('UPDATE oauth_grants SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL')
      .run(now, tenant, grantId).changes > 0;
  const replayed = (tenant: string, grantId: string, now: string): OneTimeUse => ({
    ok: false,
    revoked: revoke(tenant, grantId, now) ? grantId : undefined,
  });

  return {
    createClient(client, secretHash) {
      return write(() => {
        writer
          .get(`INSERT INTO oauth_clients (${CLIENT_COLUMNS}, secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(
            client.tenant,
            client.id,
            client.name,
            JSON.stringify(client.redirectUris),
            client.createdAt,
            client.allowClientCredentials ? 1 : 0,
            secretHash,
          );
      });
    },
    async getClient(tenant, clientId) {
      const row = reader
        .get(`SELECT ${CLIENT_COLUMNS}, secret_hash FROM oauth_clients WHERE tenant_id = ? AND id = ?`)
        .get(tenant, clientId) as ClientRow | undefined;
      return row && { ...toClient(row), secretHash: row.secret_hash };
    },
    async listClients(tenant) {
      const rows = reader
        .get(`SELECT ${CLIENT_COLUMNS} FROM oauth_clients WHERE tenant_id = ? ORDER BY created_at`)
        .all(tenant);
      return (rows as ClientRow[]).map(toClient);
    },
    deleteClient(tenant, clientId) {
      return write(
        () =>
          writer.get('DELETE FROM oauth_clients WHERE tenant_id = ? AND id = ?').run(tenant, clientId)
            .changes > 0,
      );
    },
    saveCode(code) {
      return write(() => {
        writer
          .get(
            `INSERT INTO oauth_codes (tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            code.tenant,
            code.codeHash,
            code.clientId,
            code.adminId,
            code.redirectUri ?? null,
            code.codeChallenge ?? null,
            code.expiresAt,
          );
      });
    },
    async getCode(tenant, codeHash) {
      const row = reader
        .get(`SELECT ${CODE_COLUMNS} FROM oauth_codes WHERE tenant_id = ? AND code_hash = ?`)
        .get(tenant, codeHash) as CodeRow | undefined;
      return row && toCode(row);
    },
    redeemCode(tenant, codeHash, grant, tokens) {
      return atomically(() => {
        const previous = writer
          .get('SELECT grant_id FROM oauth_codes WHERE tenant_id = ? AND code_hash = ?')
          .get(tenant, codeHash) as { grant_id: string | null } | undefined;
        if (!previous) return REFUSED;
        if (previous.grant_id !== null) return replayed(tenant, previous.grant_id, grant.createdAt);
        insertGrant(grant);
        insertTokens(tenant, grant.id, tokens);
        writer
          .get('UPDATE oauth_codes SET grant_id = ? WHERE tenant_id = ? AND code_hash = ?')
          .run(grant.id, tenant, codeHash);
        return USED;
      });
    },
    createGrant(grant, tokens) {
      return atomically(() => {
        insertGrant(grant);
        insertTokens(grant.tenant, grant.id, tokens);
      });
    },
    async findToken(tenant, tokenHash) {
      const row = reader
        .get(`${TOKEN_WITH_GRANT} WHERE t.tenant_id = ? AND t.token_hash = ?`)
        .get(tenant, tokenHash) as TokenRow | undefined;
      return row && toTokenWithGrant(row);
    },
    rotateRefresh(tenant, refreshHash, now, tokens) {
      return atomically(() => {
        const row = writer
          .get(
            "SELECT grant_id, spent_at FROM oauth_tokens WHERE tenant_id = ? AND token_hash = ? AND kind = 'refresh'",
          )
          .get(tenant, refreshHash) as { grant_id: string; spent_at: string | null } | undefined;
        if (!row) return REFUSED;
        if (row.spent_at !== null) return replayed(tenant, row.grant_id, now);
        writer
          .get('UPDATE oauth_tokens SET spent_at = ? WHERE tenant_id = ? AND token_hash = ?')
          .run(now, tenant, refreshHash);
        insertTokens(tenant, row.grant_id, tokens);
        return USED;
      });
    },
    revokeGrant(tenant, grantId, now) {
      return write(() => revoke(tenant, grantId, now));
    },
  };
}
