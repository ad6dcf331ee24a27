import { foldCase } from '../../scim/filter/compare.ts';
import type { AccountKind, AdminRecord, AdminSession, AuditEvent, SigningKey, TenantId } from '../port.ts';

/** Rows of the accounts, audit and signing-key tables, mapped alike for both dialects. */

export interface AdminRow {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string | null;
  kind: AccountKind;
  created_at: string;
  disabled_at: string | null;
  password_hash: string;
}

export const ADMIN_COLUMNS = 'tenant_id, id, username, display_name, kind, created_at, disabled_at';

export const ADMIN_INSERT_COLUMNS = `${ADMIN_COLUMNS}, username_key, password_hash`;

/** The values of a new account's row, in ADMIN_INSERT_COLUMNS order; the username key is folded here. */
export function adminInsertValues(record: Omit<AdminRecord, 'disabledAt'>, passwordHash: string): unknown[] {
  const { tenant, id, username, kind, createdAt } = record;
  return [
    tenant,
    id,
    username,
    record.displayName ?? null,
    kind,
    createdAt,
    null,
    foldCase(username),
    passwordHash,
  ];
}

export function toAdmin(row: AdminRow): AdminRecord {
  return {
    id: row.id,
    tenant: row.tenant_id as TenantId,
    username: row.username,
    displayName: row.display_name ?? undefined,
    kind: row.kind,
    createdAt: row.created_at,
    disabledAt: row.disabled_at ?? undefined,
  };
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: AuditEvent['action'];
  resource_type: AuditEvent['resourceType'];
  resource_id: string;
  version: number | null;
}

export const AUDIT_COLUMNS =
  'seq, at, actor_kind, actor_id, actor_name, action, resource_type, resource_id, version';

/** An event's values after tenant and seq: at, the actor, action, resource and version. */
export function auditValues(e: Omit<AuditEvent, 'seq'>): unknown[] {
  const { actor } = e;
  return [e.at, actor.kind, actor.id, actor.name, e.action, e.resourceType, e.resourceId, e.version ?? null];
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    version: row.version ?? undefined,
  };
}

export interface SigningKeyRow {
  tenant_id: string;
  kid: string;
  algorithm: string;
  secret: string;
  created_at: string;
  retired_at: string | null;
}

export const SIGNING_KEY_COLUMNS = 'tenant_id, kid, algorithm, secret, created_at, retired_at';

export function toSigningKey(row: SigningKeyRow): SigningKey {
  return {
    tenant: row.tenant_id as TenantId,
    kid: row.kid,
    algorithm: row.algorithm,
    secret: row.secret,
    createdAt: row.created_at,
    retiredAt: row.retired_at ?? undefined,
  };
}

export interface SessionRow {
  tenant_id: string;
  token_hash: string;
  admin_id: string | null;
  operator_id: string | null;
  created_at: string;
  last_seen_at: string;
}

export const SESSION_COLUMNS = 'tenant_id, token_hash, admin_id, operator_id, created_at, last_seen_at';

export function toSession(row: SessionRow): AdminSession {
  return {
    tenant: row.tenant_id as TenantId,
    tokenHash: row.token_hash,
    adminId: row.admin_id ?? undefined,
    operatorId: row.operator_id ?? undefined,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}
