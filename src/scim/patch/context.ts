import { AppError } from '../../errors/app-error.ts';
import { type ResourceDoc, refName } from '../resource.ts';
import type { AttrRef, ResourceTypeDef } from '../schema/resource-type.ts';

/** What the operations of one PATCH share: the working copy they write to in place, and the password. */
export interface PatchContext {
  readonly rt: ResourceTypeDef;
  /** The patched resource's id, which a path-less value may repeat but never change. */
  readonly id: string;
  readonly doc: ResourceDoc;
  password?: string;
}

export function isReadOnly(ref: AttrRef): boolean {
  return ref.attr.mutability === 'readOnly' || ref.sub?.mutability === 'readOnly';
}

/** RFC 7644 §3.5.2: an operation whose path names a readOnly attribute fails with mutability. */
export function assertWritable(ref: AttrRef): void {
  if (isReadOnly(ref)) throw new AppError('mutability', `Attribute "${refName(ref)}" is readOnly.`);
}

/** The attribute a reference is in, without its sub-attribute. */
export function attrOf(ref: AttrRef): AttrRef {
  return { schema: ref.schema, extension: ref.extension, attr: ref.attr };
}
