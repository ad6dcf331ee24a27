import { AppError } from '../errors/app-error.ts';
import type { Conflict, ResourceDoc, StoredResource, TenantTx, Written } from '../store/port.ts';
import type { ResourceKind } from './resource-kind.ts';

function conflictError(kind: ResourceKind, conflict: Conflict, doc: ResourceDoc): AppError {
  const value = conflict === 'userName' ? doc.userName : doc.externalId;
  return new AppError('uniqueness', `a ${kind.rt.name} with ${conflict} '${String(value)}' already exists`);
}

function unwrap(kind: ResourceKind, written: Written, doc: ResourceDoc): StoredResource {
  if (!written.ok) throw conflictError(kind, written.conflict, doc);
  return written.value;
}

export async function insertDoc(kind: ResourceKind, tx: TenantTx, id: string, doc: ResourceDoc, now: string) {
  return unwrap(kind, await kind.repo(tx).insert(id, doc, now), doc);
}

export async function updateDoc(
  kind: ResourceKind,
  tx: TenantTx,
  current: StoredResource,
  doc: ResourceDoc,
  now: string,
) {
  return unwrap(kind, await kind.repo(tx).update(current, doc, now), doc);
}
