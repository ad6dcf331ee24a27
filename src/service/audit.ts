import type { AuditEvent, TenantId } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

/** The tenant's audit trail in commit order: at most `limit` entries after `afterSeq`. */
export function listAudit(
  deps: ServiceDeps,
  tenant: TenantId,
  afterSeq: number,
  limit: number,
): Promise<AuditEvent[]> {
  return deps.store.forTenant(tenant).audit.list(afterSeq, limit);
}
