import { AppError } from '../../errors/app-error.ts';
import { isPassword, putOrDelete, refName, setAttr } from '../resource.ts';
import type { AttrRef } from '../schema/resource-type.ts';
import { coerceValue } from '../validate/coerce-value.ts';
import { updateSubs } from './complex.ts';
import { assertWritable, attrOf, type PatchContext } from './context.ts';
import { updateElements } from './multi-valued.ts';
import type { RemoveOp } from './parse-patch-request.ts';
import { sameElement } from './same-element.ts';
import { assertSelectable, type Selection, selects, withSub } from './selection.ts';

/**
 * RFC 7644 §3.5.2.2. A `value` only matters on a whole multi-valued attribute; elsewhere it is ignored.
 * Removing a required attribute fails afterwards, in applyPatch's checkRequired.
 */
export function remove(ctx: PatchContext, op: RemoveOp): void {
  const { path } = op;
  if (!path) throw new AppError('noTarget', 'A "remove" operation needs a "path" (RFC 7644 §3.5.2.2).');
  if (path.kind === 'extension') putOrDelete(ctx.doc, path.schema.id, undefined);
  else if (path.kind === 'valuePath') removeSelected(ctx, path);
  else if ('value' in op && path.ref.attr.multiValued && !path.ref.sub) removeListed(ctx, path.ref, op.value);
  else removeAttr(ctx, path.ref);
}

function removeAttr(ctx: PatchContext, ref: AttrRef): void {
  assertWritable(ref);
  if (isPassword(ref.attr)) throw new AppError('mutability', 'The password can be replaced but not removed.');
  if (!ref.sub) setAttr(ctx.doc, ref, undefined);
  else if (ref.attr.multiValued) removeSelected(ctx, { ref: attrOf(ref), sub: ref.sub });
  else updateSubs(ctx.doc, attrOf(ref), [[ref.sub, undefined]]);
}

/**
 * Entra's legacy member removal, `{"op":"Remove","path":"members","value":[{"value":"u-1"}]}`, and
 * JumpCloud's: only the listed values go (a server that wiped the whole group is on record,
 * idp-behaviour §6.17). Listing nothing removes nothing.
 */
function removeListed(ctx: PatchContext, ref: AttrRef, value: unknown): void {
  assertWritable(ref);
  const coerced = coerceValue(ref.attr, value, refName(ref));
  const listed = Array.isArray(coerced) ? coerced : [];
  updateElements(ctx.doc, ref, (current) =>
    current.filter((element) => !listed.some((gone) => sameElement(ref.attr, element, gone))),
  );
}

/**
 * A filter that matches nothing removes nothing and is not an error: RFC 7644 §3.5.2.2's member
 * example says a success with no change is returned when the user was not a member.
 */
function removeSelected(ctx: PatchContext, sel: Selection): void {
  assertSelectable(sel);
  const { sub } = sel;
  updateElements(ctx.doc, sel.ref, (current) =>
    current.flatMap((element) => {
      if (!selects(sel, element)) return [element];
      return sub ? [withSub(element, sub, undefined)] : [];
    }),
  );
}
