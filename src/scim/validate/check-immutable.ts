import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors/app-error.ts';
import { getAttr, isJsonObject, type ResourceDoc, refName } from '../resource.ts';
import { type AttrRef, attributeRefs, type ResourceTypeDef } from '../schema/resource-type.ts';

/**
 * RFC 7643 §7 `immutable`: once assigned, a value may not change or be removed (RFC 7644 §3.5.1, §3.5.2:
 * 400 mutability); assigning one that had no value is allowed. Checked for attributes and for
 * sub-attributes of single-valued complex attributes. Elements of a multi-valued attribute have no
 * identity to follow, so adding and removing them is not a change to their sub-attributes.
 */
export function checkImmutable(rt: ResourceTypeDef, before: ResourceDoc, after: ResourceDoc): void {
  for (const ref of attributeRefs(rt)) {
    const [old, next] = [getAttr(before, ref), getAttr(after, ref)];
    if (ref.attr.mutability === 'immutable') assertUnchanged(ref, old, next);
    else if (!ref.attr.multiValued) {
      for (const sub of ref.attr.subAttributes ?? []) {
        if (sub.mutability !== 'immutable') continue;
        const pick = (value: unknown) => (isJsonObject(value) ? value[sub.name] : undefined);
        assertUnchanged({ ...ref, sub }, pick(old), pick(next));
      }
    }
  }
}

function assertUnchanged(ref: AttrRef, old: unknown, next: unknown): void {
  if (old !== undefined && !isDeepStrictEqual(old, next)) {
    throw new AppError('mutability', `Attribute "${refName(ref)}" is immutable and cannot be changed.`);
  }
}
