import { AppError } from '../errors/app-error.ts';
import { type Policy, PolicyError, parsePolicy } from '../scim/policy/index.ts';
import type { PolicyJson, TenantId } from '../store/port.ts';
import { type CredentialChange, changeCredentials } from './credential-change.ts';
import type { ServiceDeps } from './deps.ts';
import { replaceCachedPolicy } from './policy-cache.ts';

/** A policy document parsed, or refused with 400 naming the field at fault and why. */
export function checkPolicy(document: unknown): Policy {
  try {
    return parsePolicy(document);
  } catch (error) {
    if (error instanceof PolicyError) throw new AppError('invalidValue', error.message);
    throw error;
  }
}

/** The policy document the tenant has, as it was set (`{}`: none). */
export async function getPolicy(deps: Pick<ServiceDeps, 'store'>, tenant: TenantId): Promise<PolicyJson> {
  const document = await deps.store.forTenant(tenant).policy.get();
  if (document === undefined) throw new AppError('notFound', `no tenant named '${tenant}'`);
  return document;
}

/**
 * Replaces the tenant's policy, recorded in the audit trail in the same transaction. Stored users and
 * groups are left exactly as they are: a policy judges writes, never what is already there.
 */
export async function setPolicy(
  deps: Pick<ServiceDeps, 'store'>,
  tenant: TenantId,
  document: unknown,
  change: CredentialChange,
): Promise<PolicyJson> {
  const policy = checkPolicy(document);
  const json = document as PolicyJson;
  await changeCredentials(deps.store, tenant, change, async (tx) => {
    if (!(await tx.policy.set(json))) throw new AppError('notFound', `no tenant named '${tenant}'`);
    return { result: undefined, touched: [{ action: 'replace', type: 'Policy', id: tenant }] };
  });
  replaceCachedPolicy(deps.store, tenant, policy);
  return json;
}
