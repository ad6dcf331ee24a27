import type { Tenant, TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

export function getTenant(deps: ServiceDeps, id: string): Promise<Tenant | undefined> {
  return deps.store.tenants.get(id);
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
