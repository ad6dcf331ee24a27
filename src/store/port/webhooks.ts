import type { TenantId } from './tenants.ts';

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
  | (Undelivered & { readonly kind: 'retry'; readonly nextAttemptAt: string })
  | (Undelivered & { readonly kind: 'failed' })
  | { readonly kind: 'released'; readonly nextAttemptAt: string | undefined };

/** An attempt that did not deliver: the receiver's status, if it answered, and what went wrong. */
interface Undelivered {
  readonly at: string;
  readonly status: number | undefined;
  readonly error: string;
}

/** A tenant's webhook endpoints and delivery queue. */
export interface WebhookStore {
  addEndpoint(endpoint: Omit<WebhookEndpoint, 'tenant'>): Promise<void>;
  listEndpoints(): Promise<WebhookEndpointStatus[]>;
  /** Deletes the endpoint and its deliveries, pending or not. False when it did not exist. */
  removeEndpoint(id: string): Promise<boolean>;
  /**
   * Leases up to `limit` due, unleased (or lease-expired) deliveries, in event order, skipping paused
   * endpoints. Concurrent claimers, in this process or another, never receive the same row while its
   * lease lasts.
   */
  claim(claim: Claim): Promise<ClaimedDelivery[]>;
  /** Records an outcome, if `owner` still holds the row's lease; a later claimer's outcome wins. */
  settle(delivery: ClaimedDelivery, owner: string, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Sends nothing more to a failing endpoint before `until` (its failed event's retry), so its backlog
   * and its new events wait behind that event instead of filling every claim.
   */
  pauseEndpoint(endpointId: string, until: string): Promise<void>;
}

/** The one read that spans tenants: it takes no lock and only points the poller at tenants to claim in. */
export interface DeliveryPoll {
  /** Tenants with a delivery due at `now` (claimed or not), at most `limit`. */
  dueTenants(now: string, limit: number): Promise<TenantId[]>;
}
