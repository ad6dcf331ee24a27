import { parseTenantId, type Tenant, type TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

/** The tenant `name` names; undefined for a name no tenant can have, as for one that does not exist. */
export async function getTenant(deps: ServiceDeps, name: string): Promise<Tenant | undefined> {
  const id = parseTenantId(name);
  return id && deps.store.tenants.get(id);
}

export function listTenants(deps: ServiceDeps): Promise<Tenant[]> {
  return deps.store.tenants.list();
}

/** Undefined when a tenant of that name exists already. */
export function createTenant(deps: ServiceDeps, id: TenantId): Promise<Tenant | undefined> {
  return deps.store.tenants.create(id, deps.now().toISOString());
}

/** Deletes the tenant with all its resources and credentials; false when there was none. */
export function deleteTenant(deps: ServiceDeps, id: TenantId): Promise<boolean> {
  return deps.store.tenants.delete(id);
}
