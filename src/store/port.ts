import type { AdminStore, OperatorStore, SessionStore, SigningKeyStore } from './port/accounts.ts';
import type { AuditReads, AuditWrites } from './port/audit.ts';
import type { OAuthStore } from './port/oauth.ts';
import type { PolicyReads, PolicyWrites } from './port/policies.ts';
import type { MemberReads, MemberWrites, ResourceReads, ResourceWrites } from './port/resources.ts';
import type { TenantId, TenantRegistry } from './port/tenants.ts';
import type { TokenStore } from './port/tokens.ts';
import type { DeliveryPoll, EventWrites, WebhookStore } from './port/webhooks.ts';

// The storage port, one file per aggregate under port/; this file gathers them and holds the Store.
export type { ListQuery } from '../scim/list/list-query.ts';
export type { ResourceDoc } from '../scim/resource.ts';
export * from './port/accounts.ts';
export * from './port/audit.ts';
export * from './port/oauth.ts';
export * from './port/policies.ts';
export * from './port/resources.ts';
export * from './port/tenants.ts';
export * from './port/tokens.ts';
export * from './port/webhooks.ts';

/**
 * The database cannot be reached right now (down, restarting, out of connections, locked by another
 * program). Nothing was committed by the failed call; the HTTP layer answers 503 with Retry-After. The
 * message says which, in words for the client: never a driver's text (that goes in `cause`).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** One tenant's stores; nothing here takes a tenant, every statement names this one. */
export interface TenantStore {
  readonly users: ResourceReads;
  readonly groups: ResourceReads;
  readonly members: MemberReads;
  readonly audit: AuditReads;
  readonly tokens: TokenStore;
  readonly admins: AdminStore;
  readonly sessions: SessionStore;
  readonly signingKeys: SigningKeyStore;
  readonly oauth: OAuthStore;
  readonly webhooks: WebhookStore;
  readonly policy: PolicyReads;
  /** Runs `work` in one write transaction: all of it commits, or none of it does. */
  transaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
}

/** The tenant's stores bound to one write transaction, with its audit trail and outbox. */
export interface TenantTx {
  readonly users: ResourceReads & ResourceWrites;
  readonly groups: ResourceReads & ResourceWrites;
  readonly members: MemberReads & MemberWrites;
  readonly audit: AuditWrites;
  readonly events: EventWrites;
  readonly tokens: TokenStore;
  readonly admins: AdminStore;
  readonly signingKeys: SigningKeyStore;
  readonly oauth: OAuthStore;
  readonly webhooks: Pick<WebhookStore, 'addEndpoint' | 'removeEndpoint'>;
  readonly policy: PolicyReads & PolicyWrites;
}

export interface Store {
  /** The only way to reach tenant data: every query through the handle is scoped to `tenant`. */
  forTenant(tenant: TenantId): TenantStore;
  /** What spans tenants: the tenants themselves, the server's operators, the webhook poller's look. */
  readonly tenants: TenantRegistry;
  readonly operators: OperatorStore;
  readonly deliveries: DeliveryPoll;
  /**
   * The key that authenticates list cursors (RFC 9865), made once at migration and the same for every
   * process on the database, so a cursor one worker issued is good at another.
   */
  cursorKey(): Promise<string>;
  /** Facts for the readiness endpoint, e.g. the SQLite pragmas in force. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}
