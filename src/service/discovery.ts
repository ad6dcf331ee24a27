import { schemasOf } from '../scim/discovery/schemas.ts';
import type { SchemaDef } from '../scim/schema/attribute.ts';
import { DISCOVERY_SCHEMAS } from '../scim/schema/discovery-schemas.ts';
import type { ResourceTypeDef } from '../scim/schema/resource-type.ts';
import type { TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { policyOf } from './policy-cache.ts';

/** What /ResourceTypes and /Schemas publish: the tenant's User and Group, its extensions included. */
export async function tenantSchemas(
  deps: Pick<ServiceDeps, 'store'>,
  tenant: TenantId,
): Promise<{ resourceTypes: ResourceTypeDef[]; schemas: SchemaDef[] }> {
  const { User, Group } = (await policyOf(deps.store, tenant)).resourceTypes;
  const resourceTypes = [User, Group];
  return { resourceTypes, schemas: [...schemasOf(resourceTypes), ...DISCOVERY_SCHEMAS] };
}
