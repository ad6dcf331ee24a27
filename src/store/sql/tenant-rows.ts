import type { Tenant, TenantId, TenantStore } from '../port.ts';

export function toTenant(row: { id: string; created_at: string }): Tenant {
  return { id: row.id as TenantId, createdAt: row.created_at };
}

/** Every request asks for its tenant's handle; each is built once rather than per request. */
export function tenantHandles(build: (tenant: TenantId) => TenantStore): (tenant: TenantId) => TenantStore {
  const handles = new Map<string, TenantStore>();
  return (tenant) => {
    let handle = handles.get(tenant);
    if (!handle) {
      handle = build(tenant);
      handles.set(tenant, handle);
    }
    return handle;
  };
}
