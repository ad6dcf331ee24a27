import type { ListQuery } from '../scim/list/list-query.ts';

export type { ListQuery };

/** A tenant's URL slug; every row and every key starts with it. */
export type TenantId = string & { readonly __brand: 'TenantId' };

export type { ResourceDoc } from '../scim/resource.ts';

import type { ResourceDoc } from '../scim/resource.ts';

/**
 * The database cannot be reached right now (down, restarting, out of connections). Nothing was
 * committed by the failed call; the HTTP layer answers 503 with Retry-After.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export interface Tenant {
  readonly id: TenantId;
  readonly createdAt: string;
}

/** A stored resource as read back: the client-writable document plus the server's bookkeeping. */
export interface StoredResource {
  readonly id: string;
  readonly doc: ResourceDoc;
  readonly version: number;
  readonly created: string;
  readonly lastModified: string;
}

export interface MemberRef {
  readonly value: string;
  readonly type: 'User' | 'Group';
  readonly display: string | undefined;
}

export interface GroupRef {
  readonly value: string;
  readonly display: string | undefined;
}

export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** Which unique key a write collided with. */
export type Conflict = 'userName' | 'externalId';

export type Written =
  | { readonly ok: true; readonly value: StoredResource }
  | { readonly ok: false; readonly conflict: Conflict };

export interface ResourceReads {
  /** The resource, or undefined for an unknown or malformed id (never an error). */
  get(id: string): Promise<StoredResource | undefined>;
  /** Filtered, sorted page in the database; ties are broken by insertion order so paging is stable. */
  list(query: ListQuery): Promise<Page<StoredResource>>;
}

export interface ResourceWrites {
  insert(id: string, doc: ResourceDoc, now: string): Promise<Written>;
  /** Replaces the document and bumps the version by one. */
  update(current: StoredResource, doc: ResourceDoc, now: string): Promise<Written>;
  /**
   * Deletes the resource and every membership edge that names it; the groups it leaves get a new
   * version, since their member list changed. False when it did not exist.
   */
  delete(id: string, now: string): Promise<boolean>;
}

export interface MemberReads {
  /** Every member of a group, with display names read from the members' own rows. */
  list(groupId: string): Promise<MemberRef[]>;
  /** The groups each of the given resources belongs to directly, in one query for a whole page. */
  groupsOf(memberIds: readonly string[]): Promise<Map<string, GroupRef[]>>;
}

export interface MemberWrites {
  /** Of the given ids, those that are resources of this tenant, with their type. */
  resolve(ids: readonly string[]): Promise<Map<string, MemberRef['type']>>;
  /** Adds edges that are not there yet; never reads or rewrites the others. Returns how many were new. */
  add(groupId: string, members: readonly { value: string; type: MemberRef['type'] }[]): Promise<number>;
  /** Removes the named edges; returns how many existed. */
  remove(groupId: string, memberIds: readonly string[]): Promise<number>;
  removeAll(groupId: string): Promise<number>;
}

/** A change as the outbox records it; `payload` is the exact JSON body that is signed and sent. */
export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly resourceType: 'User' | 'Group';
  readonly resourceId: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly payload: string;
}

export interface EventWrites {
  /**
   * Records the event and one pending delivery for each active webhook endpoint of the tenant, in the
   * transaction of the change: the event commits if and only if the change does.
   */
  append(event: OutboxEvent): Promise<void>;
}

export interface TenantTx {
  readonly users: ResourceReads & ResourceWrites;
  readonly groups: ResourceReads & ResourceWrites;
  readonly members: MemberReads & MemberWrites;
  readonly events: EventWrites;
}

export interface TenantStore {
  readonly users: ResourceReads;
  readonly groups: ResourceReads;
  readonly members: MemberReads;
  /** Runs `work` in one write transaction: all of it commits, or none of it does. */
  transaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
}

export interface Store {
  /** The only way to reach tenant data: every query through the handle is scoped to `tenant`. */
  forTenant(tenant: TenantId): TenantStore;
  tenants: {
    get(id: string): Promise<Tenant | undefined>;
    list(): Promise<Tenant[]>;
    create(id: TenantId, now: string): Promise<Tenant | undefined>;
    delete(id: TenantId): Promise<boolean>;
  };
  tokens: TokenStore;
  webhooks: WebhookStore;
  /** Facts for the readiness endpoint, e.g. the SQLite pragmas in force. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TokenRecord {
  readonly id: string;
  readonly tenant: TenantId;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | undefined;
  readonly revokedAt: string | undefined;
}

export interface TokenStore {
  create(record: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt'>, hash: string): Promise<void>;
  /** The tenant's live token with this SHA-256 hash, if any. */
  findByHash(tenant: TenantId, hash: string): Promise<TokenRecord | undefined>;
  list(tenant: TenantId): Promise<TokenRecord[]>;
  revoke(tenant: TenantId, nameOrId: string, now: string): Promise<boolean>;
  touch(tenant: TenantId, id: string, now: string): Promise<void>;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly tenant: TenantId;
  readonly url: string;
  readonly secret: string;
  readonly createdAt: string;
}

export interface WebhookEndpointStatus extends Omit<WebhookEndpoint, 'secret'> {
  /** Deliveries not yet made and not given up on. */
  readonly pending: number;
  /** Deliveries given up on after the last attempt. */
  readonly failed: number;
}

/** One delivery row, as the claim that leased it hands it to the worker. */
export interface ClaimedDelivery {
  readonly tenant: TenantId;
  readonly endpointId: string;
  readonly eventSeq: number;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
  readonly eventId: string;
  readonly payload: string;
}

export interface Claim {
  readonly now: string;
  /** The claimed rows are the claimer's until then; after it, anyone may claim them again. */
  readonly leaseUntil: string;
  /** Who claims: only this claimer's outcome is recorded for the rows. */
  readonly owner: string;
  readonly limit: number;
}

/** What became of a claimed delivery. `released` hands it back without counting an attempt. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly at: string; readonly status: number }
  | {
      readonly kind: 'retry';
      readonly at: string;
      readonly status: number | undefined;
      readonly error: string;
      readonly nextAttemptAt: string;
    }
  | {
      readonly kind: 'failed';
      readonly at: string;
      readonly status: number | undefined;
      readonly error: string;
    }
  | { readonly kind: 'released'; readonly nextAttemptAt: string | undefined };

export interface WebhookStore {
  addEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  listEndpoints(tenant: TenantId): Promise<WebhookEndpointStatus[]>;
  /** Deletes the endpoint and its deliveries, pending or not. False when it did not exist. */
  removeEndpoint(tenant: TenantId, id: string): Promise<boolean>;
  /**
   * Tenants with a delivery due at `now` (claimed or not), at most `limit`. The one read that spans
   * tenants: it takes no lock and only points the poller at the tenants to claim in.
   */
  dueTenants(now: string, limit: number): Promise<TenantId[]>;
  /**
   * Leases up to `limit` due, unleased (or lease-expired) deliveries of one tenant, in event order,
   * skipping paused endpoints.
   * Concurrent claimers, in this process or another, never receive the same row while its lease lasts.
   */
  claim(tenant: TenantId, claim: Claim): Promise<ClaimedDelivery[]>;
  /** Records an outcome, if `owner` still holds the row's lease; a later claimer's outcome wins. */
  settle(delivery: ClaimedDelivery, owner: string, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Sends nothing more to a failing endpoint before `until` (its failed event's retry), so its backlog
   * and its new events wait behind that event instead of filling every claim.
   */
  pauseEndpoint(tenant: TenantId, endpointId: string, until: string): Promise<void>;
}
