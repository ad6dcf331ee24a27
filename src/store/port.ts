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
  readonly audit: AuditWrites;
  readonly events: EventWrites;
}

/**
 * The credential stores bound to one write transaction, with the tenant's audit trail: a credential
 * change and its audit entry commit together or not at all.
 */
export interface CredentialTx {
  readonly tokens: TokenStore;
  readonly admins: AdminStore;
  readonly signingKeys: SigningKeyStore;
  readonly oauth: OAuthStore;
  readonly webhooks: Pick<WebhookStore, 'addEndpoint' | 'removeEndpoint'>;
  readonly audit: AuditWrites;
}

export interface TenantStore {
  readonly users: ResourceReads;
  readonly groups: ResourceReads;
  readonly members: MemberReads;
  readonly audit: AuditReads;
  /** Runs `work` in one write transaction: all of it commits, or none of it does. */
  transaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** As `transaction`, for a change to this tenant's credentials and its audit entries. */
  credentialTransaction<T>(work: (tx: CredentialTx) => Promise<T>): Promise<T>;
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
  admins: AdminStore;
  operators: OperatorStore;
  signingKeys: SigningKeyStore;
  oauth: OAuthStore;
  sessions: SessionStore;
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
  /** After this instant the token is refused; undefined: it never expires. */
  readonly expiresAt: string | undefined;
  /** The client address of the last recorded use. */
  readonly lastIp: string | undefined;
  readonly scope: CredentialScope;
}

/** What a credential may do over SCIM: `read` is for a host application that only reads. */
export type CredentialScope = 'read' | 'write';

export interface TokenStore {
  create(
    record: Omit<TokenRecord, 'lastUsedAt' | 'revokedAt' | 'lastIp' | 'expiresAt' | 'scope'> &
      Partial<Pick<TokenRecord, 'expiresAt' | 'scope'>>,
    hash: string,
  ): Promise<void>;
  /** The tenant's live token with this SHA-256 hash, if any. */
  findByHash(tenant: TenantId, hash: string): Promise<TokenRecord | undefined>;
  list(tenant: TenantId): Promise<TokenRecord[]>;
  /** Revokes the live token with this id, or every live one with this name; the ids it revoked. */
  revoke(tenant: TenantId, nameOrId: string, now: string): Promise<string[]>;
  /** Records a use: when, and from which client address. */
  touch(tenant: TenantId, id: string, now: string, ip: string): Promise<void>;
}

/** `admin`: console, admin API, JWT and OAuth consent; `provisioning`: SCIM over HTTP Basic only. */
export type AccountKind = 'admin' | 'provisioning';

export interface AdminRecord {
  readonly id: string;
  readonly tenant: TenantId;
  readonly username: string;
  readonly displayName: string | undefined;
  readonly kind: AccountKind;
  readonly createdAt: string;
  readonly disabledAt: string | undefined;
}

export interface AdminStore {
  /** False when the tenant already has an account of that username, compared case-folded. */
  create(record: Omit<AdminRecord, 'disabledAt'>, passwordHash: string): Promise<boolean>;
  /** The account of that username (case-folded), disabled or not, with its argon2id hash. */
  findByUsername(
    tenant: TenantId,
    username: string,
  ): Promise<(AdminRecord & { readonly passwordHash: string }) | undefined>;
  get(tenant: TenantId, id: string): Promise<AdminRecord | undefined>;
  list(tenant: TenantId): Promise<AdminRecord[]>;
  /** Disables a live account by id or username; the account it disabled, or undefined. */
  disable(tenant: TenantId, usernameOrId: string, now: string): Promise<AdminRecord | undefined>;
  /** Replaces the password hash of an account (by id or username); the account, or undefined. */
  setPassword(tenant: TenantId, usernameOrId: string, passwordHash: string): Promise<AdminRecord | undefined>;
}

/** The server's own administrators, who belong to no tenant. */
export interface OperatorRecord {
  readonly id: string;
  readonly username: string;
  readonly createdAt: string;
}

export interface OperatorStore {
  count(): Promise<number>;
  get(id: string): Promise<OperatorRecord | undefined>;
  /** False when the username is taken. */
  create(record: OperatorRecord, passwordHash: string): Promise<boolean>;
  findByUsername(username: string): Promise<(OperatorRecord & { readonly passwordHash: string }) | undefined>;
}

/** Who made a change: the actor as the audit trail records it. */
export interface AuditActor {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
}

/** What a SCIM write did to a resource. */
export type ResourceAction = 'create' | 'replace' | 'patch' | 'delete';

/**
 * What a change did to a credential. `revoke-on-reuse`: the server revoked an OAuth grant because a
 * spent refresh token or a used code was presented again.
 */
export type CredentialAction =
  | 'create'
  | 'delete'
  | 'revoke'
  | 'revoke-on-reuse'
  | 'disable'
  | 'set-password'
  | 'rotate'
  | 'consent';

export type CredentialType =
  | 'Token'
  | 'Account'
  | 'SigningKey'
  | 'OAuthClient'
  | 'OAuthGrant'
  | 'WebhookEndpoint';

export interface AuditEvent {
  /** Per tenant, from 1, in commit order. */
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: ResourceAction | CredentialAction;
  readonly resourceType: 'User' | 'Group' | CredentialType;
  /** The resource's or credential's id; never a secret. */
  readonly resourceId: string;
  /** A resource's version after the change (before it, for a delete); undefined for a credential. */
  readonly version: number | undefined;
}

export interface AuditWrites {
  /** Appends an event inside the change's own transaction, so neither commits without the other. */
  append(event: Omit<AuditEvent, 'seq'>): Promise<void>;
}

export interface AuditReads {
  /** Events after `afterSeq` (0: from the start), oldest first, at most `limit`. */
  list(afterSeq: number, limit: number): Promise<AuditEvent[]>;
}

/** A tenant's JWT signing key. Retired keys are kept so that `key list` can show them. */
export interface SigningKey {
  readonly tenant: TenantId;
  readonly kid: string;
  /** A JWS `alg`, e.g. HS256. */
  readonly algorithm: string;
  /** base64url key material. */
  readonly secret: string;
  readonly createdAt: string;
  readonly retiredAt: string | undefined;
}

export interface SigningKeyStore {
  /** The tenant's live key, if it has one. */
  current(tenant: TenantId): Promise<SigningKey | undefined>;
  /** The key with this id, live or retired. */
  get(tenant: TenantId, kid: string): Promise<SigningKey | undefined>;
  list(tenant: TenantId): Promise<SigningKey[]>;
  /**
   * Adds `key` as the tenant's live key. With `retire`, every other live key is retired in the same
   * transaction (a rotation); without it, `key` is added only if the tenant has no live key. Returns
   * the live key afterwards.
   */
  add(key: Omit<SigningKey, 'retiredAt'>, retire: boolean): Promise<SigningKey>;
}

/** An OAuth app registration: an IdP connection such as Okta's "OAuth 2" authentication mode. */
export interface OAuthClient {
  readonly tenant: TenantId;
  /** The client_id. */
  readonly id: string;
  readonly name: string;
  /** Compared exactly, character for character. */
  readonly redirectUris: readonly string[];
  /**
   * Whether the client may use grant_type=client_credentials: a write token from its secret alone,
   * with no admin's consent, so only for clients registered for it.
   */
  readonly allowClientCredentials: boolean;
  readonly createdAt: string;
}

export interface OAuthCode {
  readonly tenant: TenantId;
  readonly codeHash: string;
  readonly clientId: string;
  readonly adminId: string;
  /** The redirect_uri of the authorization request, when it named one. */
  readonly redirectUri: string | undefined;
  /** The PKCE S256 challenge, when the client sent one. */
  readonly codeChallenge: string | undefined;
  readonly expiresAt: string;
}

/** One authorization: a refresh-token family, or one client-credentials token. */
export interface OAuthGrant {
  readonly tenant: TenantId;
  readonly id: string;
  readonly clientId: string;
  /** The admin who consented; undefined for client credentials. */
  readonly adminId: string | undefined;
  readonly createdAt: string;
  readonly revokedAt: string | undefined;
}

export interface OAuthToken {
  readonly tokenHash: string;
  readonly kind: 'access' | 'refresh';
  readonly expiresAt: string;
  /** A refresh token that was already exchanged. */
  readonly spentAt: string | undefined;
}

export interface OAuthStore {
  createClient(client: OAuthClient, secretHash: string): Promise<void>;
  getClient(
    tenant: TenantId,
    clientId: string,
  ): Promise<(OAuthClient & { readonly secretHash: string }) | undefined>;
  listClients(tenant: TenantId): Promise<OAuthClient[]>;
  /** Deletes the client with its codes, grants and tokens. False when there was none. */
  deleteClient(tenant: TenantId, clientId: string): Promise<boolean>;
  saveCode(code: OAuthCode): Promise<void>;
  getCode(
    tenant: TenantId,
    codeHash: string,
  ): Promise<(OAuthCode & { readonly grantId: string | undefined }) | undefined>;
  /**
   * Redeems a code once, atomically: records `grant` and `tokens` and ties the grant to the code.
   * Refused when the code was already redeemed; then the grant it produced is revoked (RFC 6749 §4.1.2).
   */
  redeemCode(
    tenant: TenantId,
    codeHash: string,
    grant: OAuthGrant,
    tokens: readonly OAuthToken[],
  ): Promise<OneTimeUse>;
  /** Records a new grant with its tokens (client credentials). */
  createGrant(grant: OAuthGrant, tokens: readonly OAuthToken[]): Promise<void>;
  /** A token by hash, with its grant. */
  findToken(
    tenant: TenantId,
    tokenHash: string,
  ): Promise<(OAuthToken & { readonly grant: OAuthGrant }) | undefined>;
  /**
   * Exchanges a live refresh token, atomically: marks it spent and adds `tokens` to its grant. Refused
   * when it was already spent; then the whole grant (every token of the family) is revoked.
   */
  rotateRefresh(
    tenant: TenantId,
    refreshHash: string,
    now: string,
    tokens: readonly OAuthToken[],
  ): Promise<OneTimeUse>;
  /** False when the grant was already revoked (or does not exist). */
  revokeGrant(tenant: TenantId, grantId: string, now: string): Promise<boolean>;
}

/**
 * A one-time code or refresh token: used now, or refused; a replay of a used one revokes its grant,
 * named in `revoked` when this call revoked it (undefined when it was revoked already).
 */
export type OneTimeUse = { readonly ok: true } | { readonly ok: false; readonly revoked: string | undefined };

/**
 * A signed-in session on one tenant (console and admin API), of one of its admins or of a server
 * operator; the cookie holds a token, this its hash.
 */
export interface AdminSession {
  readonly tenant: TenantId;
  readonly tokenHash: string;
  /** Exactly one of adminId and operatorId is set. */
  readonly adminId: string | undefined;
  readonly operatorId: string | undefined;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

export interface SessionStore {
  create(session: AdminSession): Promise<void>;
  find(tenant: TenantId, tokenHash: string): Promise<AdminSession | undefined>;
  touch(tenant: TenantId, tokenHash: string, now: string): Promise<void>;
  delete(tenant: TenantId, tokenHash: string): Promise<void>;
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
