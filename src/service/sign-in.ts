import { isLiveAdmin } from '../auth/live-admin.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { AdminRecord, OperatorRecord, TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { adminPrincipal, operatorPrincipal, type SessionPrincipal } from './sessions.ts';

/**
 * An interactive admin sign-in (JWT request, OAuth consent, console): only live `admin` accounts, not
 * provisioning accounts. Unknown users cost one argon2 verification too, so timing does not tell
 * which usernames exist. 'busy' when too many verifications are queued.
 */
export async function checkAdminLogin(
  deps: ServiceDeps,
  tenant: TenantId,
  username: string,
  password: string,
): Promise<AdminRecord | undefined | 'busy'> {
  const account = await deps.store.forTenant(tenant).admins.findByUsername(username);
  const ok = await verifyPassword(account?.passwordHash, password);
  if (ok === 'busy') return 'busy';
  if (!ok || !isLiveAdmin(account)) return undefined;
  const { passwordHash: _, ...record } = account;
  return record;
}

/** A server operator's sign-in; the same cost and the same answer shape as an admin's. */
async function checkOperatorLogin(
  deps: ServiceDeps,
  username: string,
  password: string,
): Promise<OperatorRecord | undefined | 'busy'> {
  const operator = await deps.store.operators.findByUsername(username);
  const ok = await verifyPassword(operator?.passwordHash, password);
  if (ok === 'busy') return 'busy';
  if (!ok || !operator) return undefined;
  const { passwordHash: _, ...record } = operator;
  return record;
}

/**
 * A console sign-in on `tenant`: a tenant admin by default; with `operator`, a server operator, who may
 * then manage this tenant. Undefined for wrong credentials and, for an operator, for a tenant that
 * does not exist.
 */
export async function signInToTenant(
  deps: ServiceDeps,
  tenant: TenantId,
  credentials: { username: string; password: string; operator: boolean },
): Promise<SessionPrincipal | undefined | 'busy'> {
  const { username, password } = credentials;
  if (!credentials.operator) {
    const admin = await checkAdminLogin(deps, tenant, username, password);
    return admin && admin !== 'busy' ? adminPrincipal(admin) : admin;
  }
  const operator = await checkOperatorLogin(deps, username, password);
  if (!operator || operator === 'busy') return operator;
  return (await deps.store.tenants.get(tenant)) ? operatorPrincipal(tenant, operator) : undefined;
}
