/** A tenant's URL slug; every row and every key starts with it. */
export type TenantId = string & { readonly __brand: 'TenantId' };

const TENANT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The one constructor of TenantId. Tenant ids are URL path segments: lower-case letters, digits and
 * '-' (no `_`, which Okta refuses), at most 63. Undefined for any other name: no tenant has it.
 */
export function parseTenantId(name: string): TenantId | undefined {
  return TENANT_NAME.test(name) ? (name as TenantId) : undefined;
}

export interface Tenant {
  readonly id: TenantId;
  readonly createdAt: string;
}

export interface TenantRegistry {
  get(id: TenantId): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
  /** Undefined when the tenant exists already. */
  create(id: TenantId, now: string): Promise<Tenant | undefined>;
  /** Deletes the tenant with all its data. False when there was none. */
  delete(id: TenantId): Promise<boolean>;
}
