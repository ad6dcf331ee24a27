import type { AdminRecord } from '../store/port.ts';

/** An account that may act as an admin now: of kind `admin`, and not disabled. */
export function isLiveAdmin(account: AdminRecord | undefined): account is AdminRecord {
  return account?.kind === 'admin' && account.disabledAt === undefined;
}
