import type { OAuthClient, OAuthGrant, OAuthStore, OAuthToken, TenantId } from '../port.ts';
import type { Statements } from './statements.ts';

interface ClientRow {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  redirect_uris_json: string;
  created_at: string;
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

const CLIENT_COLUMNS = 'tenant_id, id, name, redirect_uris_json, created_at';

function toClient(row: ClientRow): OAuthClient {
  return {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris_json) as string[],
    createdAt: row.created_at,
  };
}

function toGrant(row: GrantRow): OAuthGrant {
  return {
    tenant: row.tenant_id as TenantId,
    id: row.id,
    clientId: row.client_id,
    adminId: row.admin_id ?? undefined,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}

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
      .run(now, tenant, grantId);

  return {
    createClient(client, secretHash) {
      return write(() => {
        writer
          .get(`INSERT INTO oauth_clients (${CLIENT_COLUMNS}, secret_hash) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(
            client.tenant,
            client.id,
            client.name,
            JSON.stringify(client.redirectUris),
            client.createdAt,
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
        .get(`SELECT tenant_id, code_hash, client_id, admin_id, redirect_uri, code_challenge, expires_at, grant_id
           FROM oauth_codes WHERE tenant_id = ? AND code_hash = ?`)
        .get(tenant, codeHash) as CodeRow | undefined;
      return (
        row && {
          tenant: row.tenant_id as TenantId,
          codeHash: row.code_hash,
          clientId: row.client_id,
          adminId: row.admin_id,
          redirectUri: row.redirect_uri ?? undefined,
          codeChallenge: row.code_challenge ?? undefined,
          expiresAt: row.expires_at,
          grantId: row.grant_id ?? undefined,
        }
      );
    },
    redeemCode(tenant, codeHash, grant, tokens) {
      return atomically(() => {
        const previous = writer
          .get('SELECT grant_id FROM oauth_codes WHERE tenant_id = ? AND code_hash = ?')
          .get(tenant, codeHash) as { grant_id: string | null } | undefined;
        if (!previous) return false;
        if (previous.grant_id !== null) {
          revoke(tenant, previous.grant_id, grant.createdAt);
          return false;
        }
        insertGrant(grant);
        insertTokens(tenant, grant.id, tokens);
        writer
          .get('UPDATE oauth_codes SET grant_id = ? WHERE tenant_id = ? AND code_hash = ?')
          .run(grant.id, tenant, codeHash);
        return true;
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
        .get(
          `SELECT g.tenant_id, g.id, g.client_id, g.admin_id, g.created_at, g.revoked_at, t.token_hash, t.kind, t.expires_at, t.spent_at FROM oauth_tokens t
           JOIN oauth_grants g ON g.tenant_id = t.tenant_id AND g.id = t.grant_id
           WHERE t.tenant_id = ? AND t.token_hash = ?`,
        )
        .get(tenant, tokenHash) as TokenRow | undefined;
      return (
        row && {
          tokenHash: row.token_hash,
          kind: row.kind,
          expiresAt: row.expires_at,
          spentAt: row.spent_at ?? undefined,
          grant: toGrant(row),
        }
      );
    },
    rotateRefresh(tenant, refreshHash, now, tokens) {
      return atomically(() => {
        const row = writer
          .get(
            "SELECT grant_id, spent_at FROM oauth_tokens WHERE tenant_id = ? AND token_hash = ? AND kind = 'refresh'",
          )
          .get(tenant, refreshHash) as { grant_id: string; spent_at: string | null } | undefined;
        if (!row) return false;
        if (row.spent_at !== null) {
          revoke(tenant, row.grant_id, now);
          return false;
        }
        writer
          .get('UPDATE oauth_tokens SET spent_at = ? WHERE tenant_id = ? AND token_hash = ?')
          .run(now, tenant, refreshHash);
        insertTokens(tenant, row.grant_id, tokens);
        return true;
      });
    },
    revokeGrant(tenant, grantId, now) {
      return write(() => {
        revoke(tenant, grantId, now);
      });
    },
  };
}
