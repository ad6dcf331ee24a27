import { newSigningKey, signAdminJwt } from '../auth/admin-jwt.ts';
import type { AdminRecord, SigningKey, TenantId } from '../store/port.ts';
import { type CredentialChange, changeCredentials } from './credential-change.ts';
import type { ServiceDeps } from './deps.ts';

/** Replaces the tenant's signing key: every JWT signed with the old one stops working at once. */
export function rotateSigningKey(
  deps: ServiceDeps,
  tenant: TenantId,
  change: CredentialChange,
): Promise<SigningKey> {
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    const key = await tx.signingKeys.add(newSigningKey(change.at), true);
    return { result: key, touched: [{ action: 'rotate', type: 'SigningKey', id: key.kid }] };
  });
}

/** The tenant's keys, live and retired, without their material. */
export async function listSigningKeys(
  deps: ServiceDeps,
  tenant: TenantId,
): Promise<Omit<SigningKey, 'secret'>[]> {
  return (await deps.store.forTenant(tenant).signingKeys.list()).map(({ secret: _, ...key }) => key);
}

/** A JWT that acts for `admin` on the tenant's SCIM API (PowerDMS's "Request JWT token"). */
export async function issueAdminJwt(
  deps: ServiceDeps,
  admin: AdminRecord,
  lifetimeSeconds: number,
): Promise<{ token: string; expiresIn: number }> {
  const now = deps.now();
  const { signingKeys } = deps.store.forTenant(admin.tenant);
  const key =
    (await signingKeys.current()) ??
    // A tenant's first key, made on first use, is no change anyone made: the trail records rotations.
    (await signingKeys.add(newSigningKey(now.toISOString()), false));
  const token = await signAdminJwt(key, admin, lifetimeSeconds, now);
  return { token, expiresIn: lifetimeSeconds };
}
