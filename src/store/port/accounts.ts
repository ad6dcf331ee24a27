import type { TenantId } from './tenants.ts';

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

/** A tenant's admin and provisioning accounts. */
export interface AdminStore {
  /** False when the tenant already has an account of that username, compared case-folded. */
  create(record: Omit<AdminRecord, 'disabledAt' | 'tenant'>, passwordHash: string): Promise<boolean>;
  /** The account of that username (case-folded), disabled or not, with its argon2id hash. */
  findByUsername(username: string): Promise<(AdminRecord & { readonly passwordHash: string }) | undefined>;
  get(id: string): Promise<AdminRecord | undefined>;
  list(): Promise<AdminRecord[]>;
  /** Disables a live account by id or username; the account it disabled, or undefined. */
  disable(usernameOrId: string, now: string): Promise<AdminRecord | undefined>;
  /** Replaces the password hash of an account (by id or username); the account, or undefined. */
  setPassword(usernameOrId: string, passwordHash: string): Promise<AdminRecord | undefined>;
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
  create(session: Omit<AdminSession, 'tenant'>): Promise<void>;
  find(tokenHash: string): Promise<AdminSession | undefined>;
  touch(tokenHash: string, now: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
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
  /** The live key, if there is one. */
  current(): Promise<SigningKey | undefined>;
  /** The key with this id, live or retired. */
  get(kid: string): Promise<SigningKey | undefined>;
  list(): Promise<SigningKey[]>;
  /**
   * Adds `key` as the live key. With `retire`, every other live key is retired in the same
   * transaction (a rotation); without it, `key` is added only if there is no live key. Returns the
   * live key afterwards.
   */
  add(key: Omit<SigningKey, 'retiredAt' | 'tenant'>, retire: boolean): Promise<SigningKey>;
}
