import { AppError } from '../errors/app-error.ts';
import type { Conflict, ResourceDoc, StoredResource, TenantTx, Written } from '../store/port.ts';
import type { ResourceKind } from './resource-kind.ts';

function conflictError(kind: ResourceKind, conflict: Conflict, doc: ResourceDoc): AppError {
  const value = conflict === 'userName' ? doc.userName : doc.externalId;
  return new AppError('uniqueness', `a ${kind.rt.name} with ${conflict} '${String(value)}' already exists`);
}

/**
 * A user always has `active` in its stored document: true when created without one, and unchanged by a
 * write that leaves it out (a PUT without `active` must not reactivate a deactivated user).
 */
function withActive(kind: ResourceKind, doc: ResourceDoc, current?: ResourceDoc): ResourceDoc {
  if (kind.rt.name !== 'User' || doc.active !== undefined) return doc;
  return { ...doc, active: current?.active ?? true };
}

function unwrap(kind: ResourceKind, written: Written, doc: ResourceDoc): StoredResource {
  if (!written.ok) throw conflictError(kind, written.conflict, doc);
  return written.value;
}

export async function insertDoc(kind: ResourceKind, tx: TenantTx, id: string, doc: ResourceDoc, now: string) {
  const full = withActive(kind, doc);
  return unwrap(kind, await kind.repo(tx).insert(id, full, now), full);
}

export async function updateDoc(
  kind: ResourceKind,
  tx: TenantTx,
  current: StoredResource,
  doc: ResourceDoc,
  now: string,
) {
  const full = withActive(kind, doc, current.doc);
  return unwrap(kind, await kind.repo(tx).update(current, full, now), full);
}
