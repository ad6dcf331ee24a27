import { isDeepStrictEqual } from 'node:util';
import type { ResourceDoc } from '../resource.ts';
import type { ResourceTypeDef } from '../schema/resource-type.ts';
import { checkImmutable } from '../validate/check-immutable.ts';
import { checkRequired } from '../validate/check-required.ts';
import { add } from './add.ts';
import type { PatchContext } from './context.ts';
import type { PatchOp } from './parse-patch-request.ts';
import { remove } from './remove.ts';
import { replace } from './replace.ts';

export interface PatchResult {
  readonly doc: ResourceDoc;
  /** The last password an operation set; never part of `doc`. */
  readonly password?: string;
  /** Whether `doc` differs from the input; a password alone does not count. */
  readonly changed: boolean;
}

/**
 * Applies PATCH operations in order (RFC 7644 §3.5.2). Pure and atomic: `doc` is never modified, and
 * the first failing operation throws an AppError, so the caller keeps the old document. The result
 * is checked as a whole, for required (invalidValue) and immutable (mutability) attributes.
 */
export function applyPatch(
  rt: ResourceTypeDef,
  { id, doc }: { readonly id: string; readonly doc: ResourceDoc },
  ops: readonly PatchOp[],
): PatchResult {
  const ctx: PatchContext = { rt, id, doc: structuredClone(doc) };
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        add(ctx, op);
        break;
      case 'replace':
        replace(ctx, op);
        break;
      case 'remove':
        remove(ctx, op);
        break;
    }
  }
  checkRequired(rt, ctx.doc);
  checkImmutable(rt, doc, ctx.doc);
  const changed = !isDeepStrictEqual(doc, ctx.doc);
  return ctx.password === undefined
    ? { doc: ctx.doc, changed }
    : { doc: ctx.doc, password: ctx.password, changed };
}
