import { isLiveAdmin } from '../auth/live-admin.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { AppError } from '../errors/app-error.ts';
import type { AdminRecord, OperatorRecord, TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { adminPrincipal, operatorPrincipal, type SessionPrincipal } from './sessions.ts';

/** A password check of an interactive sign-in; too many queued checks is a 503 for every door alike. */
async function passwordMatches(stored: string | undefined, password: string): Promise<boolean> {
  const ok = await verifyPassword(stored, password);
  if (ok === 'busy')
    throw new AppError('unavailable', 'too many sign-ins are being checked', { retryAfter: 1 });
  return ok;
}

/**
 * An interactive admin sign-in (JWT request, OAuth consent, console): only live `admin` accounts, not
 * provisioning accounts. Unknown users cost one argon2 verification too, so timing does not tell
 * which usernames exist.
 */
export async function checkAdminLogin(
  deps: ServiceDeps,
  tenant: TenantId,
  username: string,
  password: string,
): Promise<AdminRecord | undefined> {
  const account = await deps.store.forTenant(tenant).admins.findByUsername(username);
  const ok = await passwordMatches(account?.passwordHash, password);
  if (!ok || !isLiveAdmin(account)) return undefined;
  const { passwordHash: _, ...record } = account;
  return record;
}

/** A server operator's sign-in; the same cost and the same answer shape as an admin's. */
async function checkOperatorLogin(
  deps: ServiceDeps,
  username: string,
  password: string,
): Promise<OperatorRecord | undefined> {
  const operator = await deps.store.operators.findByUsername(username);
  const ok = await passwordMatches(operator?.passwordHash, password);
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
): Promise<SessionPrincipal | undefined> {
  const { username, password } = credentials;
  if (!credentials.operator) {
    const admin = await checkAdminLogin(deps, tenant, username, password);
    return admin && adminPrincipal(admin);
  }
  const operator = await checkOperatorLogin(deps, username, password);
  if (!operator) return undefined;
  return (await deps.store.tenants.get(tenant)) ? operatorPrincipal(tenant, operator) : undefined;
}
