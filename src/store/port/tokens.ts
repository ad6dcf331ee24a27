import type { TenantId } from './tenants.ts';

/** What a credential may do over SCIM: `read` is for a host application that only reads. */
export type CredentialScope = 'read' | 'write';

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

export type NewToken = Pick<TokenRecord, 'id' | 'name' | 'prefix' | 'createdAt'> &
  Partial<Pick<TokenRecord, 'expiresAt' | 'scope'>>;

/** A tenant's API tokens. */
export interface TokenStore {
  create(record: NewToken, hash: string): Promise<void>;
  /** The live token with this SHA-256 hash, if any. */
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  /** Revokes the live token with this id, or every live one with this name; the ids it revoked. */
  revoke(nameOrId: string, now: string): Promise<string[]>;
  /** Records a use: when, and from which client address. */
  touch(id: string, now: string, ip: string): Promise<void>;
}
