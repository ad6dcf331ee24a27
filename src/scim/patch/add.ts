import { isDeepStrictEqual } from 'node:util';
import { isJsonObject } from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';
import type { PatchContext } from './context.ts';
import type { AddOp } from './parse-patch-request.ts';
import { sameElement } from './same-element.ts';
import { type WriteMode, write } from './write.ts';

/**
 * RFC 7644 §3.5.2.1: a multi-valued attribute gains the values; one "already present" is not added
 * again, but what it brings is merged in (an email added again as primary becomes primary). A
 * filtered element gains the sub-attributes given; the others are kept.
 */
const addMode: WriteMode = {
  writeValues: appendValues,
  writeElement: (current, incoming) => (incoming ? { ...current, ...incoming } : current),
};

export function add(ctx: PatchContext, op: AddOp): void {
  write(ctx, addMode, op.path, op.value);
}

function appendValues(
  def: AttributeDef,
  current: readonly unknown[],
  incoming: readonly unknown[],
): unknown[] {
  const next = [...current];
  for (const value of incoming) {
    const index = next.findIndex((element) => sameElement(def, element, value));
    if (index < 0) next.push(value);
    else next[index] = mergeInto(next[index], value);
  }
  return next;
}

/** Keeps the very element when nothing changes, so it is not taken for a newly written primary. */
function mergeInto(element: unknown, value: unknown): unknown {
  if (!isJsonObject(element) || !isJsonObject(value)) return element;
  const merged = { ...element, ...value };
  return isDeepStrictEqual(merged, element) ? element : merged;
}
