import type {
  AuditActor,
  CredentialAction,
  CredentialType,
  Store,
  TenantId,
  TenantTx,
} from '../store/port.ts';

/** Who changes a tenant's credentials, and when: what every credential change takes. */
export interface CredentialChange {
  readonly by: AuditActor;
  readonly at: string;
}

/** A credential a change touched, as the audit trail names it: by id, never by its secret. */
export interface Touched {
  readonly action: CredentialAction;
  readonly type: CredentialType;
  readonly id: string;
  /** Who, when not the change's actor: the admin whose consent a client's code exchange redeems. */
  readonly by?: AuditActor;
}

/** The credential `id` names, or nothing when the change found nothing to change (no id). */
export function touching(id: string | undefined, action: CredentialAction, type: CredentialType): Touched[] {
  return id === undefined ? [] : [{ action, type, id }];
}

/**
 * Runs a credential change in one transaction with an audit entry
 * for each credential it touched, appended last (on PostgreSQL the audit counter's lock is then held
 * only until the commit): the change commits if and only if its entries do.
 */
export function changeCredentials<T>(
  store: Store,
  tenant: TenantId,
  change: CredentialChange,
  work: (tx: TenantTx) => Promise<{ readonly result: T; readonly touched: readonly Touched[] }>,
): Promise<T> {
  return store.forTenant(tenant).transaction(async (tx) => {
    const { result, touched } = await work(tx);
    for (const { action, type, id, by } of touched)
      await tx.audit.append({
        at: change.at,
        actor: by ?? change.by,
        action,
        resourceType: type,
        resourceId: id,
        version: undefined,
      });
    return result;
  });
}
