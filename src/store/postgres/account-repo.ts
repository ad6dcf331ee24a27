import { foldCase } from '../../scim/filter/compare.ts';
import type {
  AdminStore,
  AuditReads,
  AuditWrites,
  OperatorStore,
  SessionStore,
  SigningKeyStore,
} from '../port.ts';
import {
  ADMIN_COLUMNS,
  ADMIN_INSERT_COLUMNS,
  type AdminRow,
  AUDIT_COLUMNS,
  type AuditRow,
  adminInsertValues,
  auditValues,
  SESSION_COLUMNS,
  type SessionRow,
  SIGNING_KEY_COLUMNS,
  type SigningKeyRow,
  toAdmin,
  toAuditEvent,
  toSession,
  toSigningKey,
} from '../sql/account-rows.ts';
import { type Atomic, prepared, type Queryable } from './queryable.ts';

/** Tenant admin and provisioning accounts. */
export function adminRepo(db: Queryable): AdminStore {
  return {
    async create(record, passwordHash) {
      const { rowCount } = await db.query(
        prepared(
          `INSERT INTO admins (${ADMIN_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (tenant_id, username_key) DO NOTHING`,
          adminInsertValues(record, passwordHash),
        ),
      );
      return (rowCount ?? 0) > 0;
    },
    async findByUsername(tenant, username) {
      const { rows } = await db.query<AdminRow>(
        prepared(
          `SELECT ${ADMIN_COLUMNS}, password_hash FROM admins WHERE tenant_id = $1 AND username_key = $2`,
          [tenant, foldCase(username)],
        ),
      );
      return rows[0] && { ...toAdmin(rows[0]), passwordHash: rows[0].password_hash };
    },
    async get(tenant, id) {
      const { rows } = await db.query<AdminRow>(
        prepared(`SELECT ${ADMIN_COLUMNS} FROM admins WHERE tenant_id = $1 AND id = $2`, [tenant, id]),
      );
      return rows[0] && toAdmin(rows[0]);
    },
    async list(tenant) {
      const { rows } = await db.query<AdminRow>(
        prepared(`SELECT ${ADMIN_COLUMNS} FROM admins WHERE tenant_id = $1 ORDER BY username_key`, [tenant]),
      );
      return rows.map(toAdmin);
    },
    async disable(tenant, usernameOrId, now) {
      const { rows } = await db.query<AdminRow>(
        prepared(
          `UPDATE admins SET disabled_at = $1 WHERE tenant_id = $2 AND (id = $3 OR username_key = $4)
           AND disabled_at IS NULL RETURNING ${ADMIN_COLUMNS}`,
          [now, tenant, usernameOrId, foldCase(usernameOrId)],
        ),
      );
      return rows[0] && toAdmin(rows[0]);
    },
    async setPassword(tenant, usernameOrId, passwordHash) {
      const { rows } = await db.query<AdminRow>(
        prepared(
          `UPDATE admins SET password_hash = $1 WHERE tenant_id = $2 AND (id = $3 OR username_key = $4)
           RETURNING ${ADMIN_COLUMNS}`,
          [passwordHash, tenant, usernameOrId, foldCase(usernameOrId)],
        ),
      );
      return rows[0] && toAdmin(rows[0]);
    },
  };
}

/** The server's operator accounts, which belong to no tenant. */
export function operatorRepo(db: Queryable): OperatorStore {
  return {
    async count() {
      const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM operators');
      return Number(rows[0]?.count ?? 0);
    },
    async create(record, passwordHash) {
      const { rowCount } = await db.query(
        prepared(
          `INSERT INTO operators (id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (username) DO NOTHING`,
          [record.id, record.username, passwordHash, record.createdAt],
        ),
      );
      return (rowCount ?? 0) > 0;
    },
    async get(id) {
      const { rows } = await db.query<{ id: string; username: string; created_at: string }>(
        prepared('SELECT id, username, created_at FROM operators WHERE id = $1', [id]),
      );
      const row = rows[0];
      return row && { id: row.id, username: row.username, createdAt: row.created_at };
    },
    async findByUsername(username) {
      const { rows } = await db.query<{
        id: string;
        username: string;
        created_at: string;
        password_hash: string;
      }>(
        prepared('SELECT id, username, created_at, password_hash FROM operators WHERE username = $1', [
          username,
        ]),
      );
      const row = rows[0];
      return (
        row && {
          id: row.id,
          username: row.username,
          createdAt: row.created_at,
          passwordHash: row.password_hash,
        }
      );
    },
  };
}

/**
 * The next seq comes from the tenant's counter row, which stays locked until the change commits, so
 * events are numbered in commit order. Append last in a transaction: it serialises the tenant's writes
 * from that point to the commit.
 */
const APPEND = `WITH next AS (
    INSERT INTO audit_counters (tenant_id, last_seq) VALUES ($1, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = audit_counters.last_seq + 1 RETURNING last_seq)
  INSERT INTO audit_events (tenant_id, seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version)
  SELECT $1, next.last_seq, $2, $3, $4, $5, $6, $7, $8, $9 FROM next`;

export function auditWrites(db: Queryable, tenant: string): AuditWrites {
  return {
    async append(e) {
      await db.query(prepared(APPEND, [tenant, ...auditValues(e)]));
    },
  };
}

export function auditReads(db: Queryable, tenant: string): AuditReads {
  return {
    async list(afterSeq, limit) {
      const { rows } = await db.query<AuditRow>(
        prepared(
          `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
          [tenant, afterSeq, limit],
        ),
      );
      return rows.map(toAuditEvent);
    },
  };
}

const LIVE_KEY = `SELECT ${SIGNING_KEY_COLUMNS} FROM signing_keys WHERE tenant_id = $1 AND retired_at IS NULL ORDER BY created_at DESC`;

/** Per-tenant JWT signing keys; a rotation is one transaction. */
export function signingKeyRepo(db: Queryable, atomic: Atomic): SigningKeyStore {
  return {
    async current(tenant) {
      const { rows } = await db.query<SigningKeyRow>(prepared(LIVE_KEY, [tenant]));
      return rows[0] && toSigningKey(rows[0]);
    },
    async get(tenant, kid) {
      const { rows } = await db.query<SigningKeyRow>(
        prepared(`SELECT ${SIGNING_KEY_COLUMNS} FROM signing_keys WHERE tenant_id = $1 AND kid = $2`, [
          tenant,
          kid,
        ]),
      );
      return rows[0] && toSigningKey(rows[0]);
    },
    async list(tenant) {
      const { rows } = await db.query<SigningKeyRow>(
        prepared(`SELECT ${SIGNING_KEY_COLUMNS} FROM signing_keys WHERE tenant_id = $1 ORDER BY created_at`, [
          tenant,
        ]),
      );
      return rows.map(toSigningKey);
    },
    add(key, retire) {
      return atomic(async (tx) => {
        // Two processes adding a first key at once must not both succeed: serialise per tenant.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`signing-keys:${key.tenant}`]);
        const { rows } = await tx.query<SigningKeyRow>(prepared(LIVE_KEY, [key.tenant]));
        if (rows[0] && !retire) return toSigningKey(rows[0]);
        await tx.query(
          prepared('UPDATE signing_keys SET retired_at = $1 WHERE tenant_id = $2 AND retired_at IS NULL', [
            key.createdAt,
            key.tenant,
          ]),
        );
        await tx.query(
          prepared(`INSERT INTO signing_keys (${SIGNING_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, NULL)`, [
            key.tenant,
            key.kid,
            key.algorithm,
            key.secret,
            key.createdAt,
          ]),
        );
        return { ...key, retiredAt: undefined };
      });
    },
  };
}

/** Console and admin API sessions. */
export function sessionRepo(db: Queryable): SessionStore {
  return {
    async create(s) {
      await db.query(
        prepared(`INSERT INTO admin_sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
          s.tenant,
          s.tokenHash,
          s.adminId ?? null,
          s.operatorId ?? null,
          s.createdAt,
          s.lastSeenAt,
        ]),
      );
    },
    async find(tenant, tokenHash) {
      const { rows } = await db.query<SessionRow>(
        prepared(`SELECT ${SESSION_COLUMNS} FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2`, [
          tenant,
          tokenHash,
        ]),
      );
      return rows[0] && toSession(rows[0]);
    },
    async touch(tenant, tokenHash, now) {
      await db.query(
        prepared('UPDATE admin_sessions SET last_seen_at = $1 WHERE tenant_id = $2 AND token_hash = $3', [
          now,
          tenant,
          tokenHash,
        ]),
      );
    },
    async delete(tenant, tokenHash) {
      await db.query(
        prepared('DELETE FROM admin_sessions WHERE tenant_id = $1 AND token_hash = $2', [tenant, tokenHash]),
      );
    },
  };
}
