import type { AdminRecord, OperatorRecord, Store, TenantId } from '../store/port.ts';
import { isLiveAdmin } from './accounts.ts';
import { verifyPassword } from './passwords.ts';

/**
 * An interactive admin sign-in (JWT request, OAuth consent, console): only live `admin` accounts, not
 * provisioning accounts. Unknown users cost one argon2 verification too, so timing does not tell
 * which usernames exist. 'busy' when too many verifications are queued.
 */
export async function checkAdminLogin(
  store: Store,
  tenant: TenantId,
  username: string,
  password: string,
): Promise<AdminRecord | undefined | 'busy'> {
  const account = await store.forTenant(tenant).admins.findByUsername(username);
  const ok = await verifyPassword(account?.passwordHash, password);
  if (ok === 'busy') return 'busy';
  if (!ok || !isLiveAdmin(account)) return undefined;
  const { passwordHash: _, ...record } = account;
  return record;
}

/** A server operator's sign-in; the same cost and the same answer shape as an admin's. */
export async function checkOperatorLogin(
  store: Store,
  username: string,
  password: string,
): Promise<OperatorRecord | undefined | 'busy'> {
  const operator = await store.operators.findByUsername(username);
  const ok = await verifyPassword(operator?.passwordHash, password);
  if (ok === 'busy') return 'busy';
  if (!ok || !operator) return undefined;
  const { passwordHash: _, ...record } = operator;
  return record;
}
