import { ScimError } from '../scim/errors.ts';
import type { Conflict, ResourceDoc, StoredResource, TenantTx, Written } from '../store/port.ts';
import type { ResourceKind } from './resource-kind.ts';

function conflictError(kind: ResourceKind, conflict: Conflict, doc: ResourceDoc): ScimError {
  const value = conflict === 'userName' ? doc.userName : doc.externalId;
  return ScimError.of('uniqueness', `a ${kind.rt.name} with ${conflict} '${String(value)}' already exists`);
}

/** Server-side defaults: a user with no `active` is active, and the stored document says so. */
function withDefaults(kind: ResourceKind, doc: ResourceDoc): ResourceDoc {
  return kind.rt.name === 'User' && doc.active === undefined ? { ...doc, active: true } : doc;
}

function unwrap(kind: ResourceKind, written: Written, doc: ResourceDoc): StoredResource {
  if (!written.ok) throw conflictError(kind, written.conflict, doc);
  return written.value;
}

export async function insertDoc(kind: ResourceKind, tx: TenantTx, id: string, doc: ResourceDoc, now: string) {
  const full = withDefaults(kind, doc);
  return unwrap(kind, await kind.repo(tx).insert(id, full, now), full);
}

export async function updateDoc(
  kind: ResourceKind,
  tx: TenantTx,
  current: StoredResource,
  doc: ResourceDoc,
  now: string,
) {
  const full = withDefaults(kind, doc);
  return unwrap(kind, await kind.repo(tx).update(current, full, now), full);
}
