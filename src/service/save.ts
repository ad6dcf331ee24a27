import { AppError } from '../errors/app-error.ts';
import type { ResourceDoc, StoredResource, TenantTx, Written } from '../store/port.ts';
import type { ResourceKind } from './resource-kind.ts';

function unwrap(kind: ResourceKind, written: Written, doc: ResourceDoc): StoredResource {
  if (!written.ok) {
    const detail = `a ${kind.rt.name} with ${written.conflict} '${String(doc.userName)}' already exists`;
    throw new AppError('uniqueness', detail);
  }
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
