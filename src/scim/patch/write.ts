import { AppError } from '../../errors/app-error.ts';
import type { PatchPath } from '../path/patch-path.ts';
import { isJsonObject, isPassword, type JsonObject, refName, setAttr } from '../resource.ts';
import type { AttributeDef, SchemaDef } from '../schema/attribute.ts';
import { ID } from '../schema/common.ts';
import {
  type AttrRef,
  findExtension,
  type ResourceTypeDef,
  resolveAttrPath,
} from '../schema/resource-type.ts';
import {
  coerceElement,
  coerceValue,
  complexEntries,
  extensionEntries,
  unknownName,
} from '../validate/coerce-value.ts';
import { updateSubs } from './complex.ts';
import { assertWritable, attrOf, isReadOnly, type PatchContext } from './context.ts';
import { updateElements } from './multi-valued.ts';
import {
  assertSelectable,
  newElement,
  pinnedValues,
  type Selection,
  selectionName,
  selects,
  withSub,
} from './selection.ts';

/** How add and replace differ; everywhere else they behave alike (RFC 7644 §3.5.2.1, §3.5.2.3). */
export interface WriteMode {
  /** A write to a multi-valued attribute as a whole. */
  readonly writeValues: (
    def: AttributeDef,
    current: readonly unknown[],
    incoming: readonly unknown[],
  ) => unknown[];
  /**
   * A write of a whole element to each element a filter selects; `pinned` holds the filter's `eq`
   * values. Undefined removes the element.
   */
  readonly writeElement: (
    current: JsonObject,
    incoming: JsonObject | undefined,
    pinned: JsonObject,
  ) => JsonObject | undefined;
}

type Target = [AttrRef, unknown];

/** Applies an add or replace. Values are validated as in a POST body; unassigned values clear the target. */
export function write(ctx: PatchContext, mode: WriteMode, path: PatchPath | undefined, value: unknown): void {
  if (path === undefined) writeEach(ctx, mode, pathlessTargets(ctx.rt, value));
  else if (path.kind === 'extension') writeEach(ctx, mode, extensionTargets(path.schema, value));
  else if (path.kind === 'attr') writeAttr(ctx, mode, path.ref, value);
  else writeSelection(ctx, mode, path, value);
}

/**
 * With no path each key of the value names an attribute. Entra's aadOptscim062020 uses dotted
 * (`name.givenName`) and URN-prefixed keys too (idp-behaviour §6.15), so keys are resolved as paths.
 */
function pathlessTargets(rt: ResourceTypeDef, value: unknown): Target[] {
  if (!isJsonObject(value)) {
    throw new AppError('invalidValue', 'Without a "path", "value" must be an object of attributes.');
  }
  return Object.entries(value).flatMap(([key, raw]): Target[] => {
    if (key.toLowerCase() === 'schemas') return [];
    const extension = findExtension(rt, key);
    if (extension) return extensionTargets(extension, raw);
    const ref = resolveAttrPath(rt, key);
    return ref ? [[ref, raw]] : unknownName(key, raw);
  });
}

/** A bare extension URN works like a complex attribute: the attributes given are written, the rest kept. */
function extensionTargets(schema: SchemaDef, value: unknown): Target[] {
  return extensionEntries(schema, value).map(([attr, raw]) => [
    { schema: schema.id, extension: true, attr },
    raw,
  ]);
}

/**
 * readOnly attributes inside a value are skipped, as in a PUT: Okta's group rename sends `{id,
 * displayName}`, and clients echo `meta` and `groups` they read. An `id` other than the resource's
 * own would be a change of id, so it is refused (RFC 7644 §3.5.2) rather than skipped.
 */
function writeEach(ctx: PatchContext, mode: WriteMode, targets: readonly Target[]): void {
  for (const [ref, raw] of targets) {
    if (!isReadOnly(ref)) writeAttr(ctx, mode, ref, raw);
    else if (ref.attr === ID && !ref.sub && raw !== null && raw !== ctx.id)
      throw new AppError(
        'mutability',
        `"id" is readOnly: this resource's id is ${ctx.id}, not ${JSON.stringify(raw)}.`,
      );
  }
}

function writeAttr(ctx: PatchContext, mode: WriteMode, ref: AttrRef, value: unknown): void {
  assertWritable(ref);
  const name = refName(ref);
  if (isPassword(ref.attr)) {
    const password = coerceValue(ref.attr, value, name);
    if (typeof password === 'string') ctx.password = password;
  } else if (ref.sub && ref.attr.multiValued) {
    writeSelection(ctx, mode, { ref: attrOf(ref), sub: ref.sub }, value);
  } else if (ref.sub) {
    updateSubs(ctx.doc, attrOf(ref), [[ref.sub, value]]);
  } else if (ref.attr.multiValued) {
    const incoming = coerceValue(ref.attr, value, name);
    const values = Array.isArray(incoming) ? incoming : [];
    updateElements(ctx.doc, ref, (current) => mode.writeValues(ref.attr, current, values));
  } else if (ref.attr.type === 'complex' && isJsonObject(value)) {
    updateSubs(ctx.doc, ref, complexEntries(ref.attr, value, name));
  } else {
    setAttr(ctx.doc, ref, coerceValue(ref.attr, value, name));
  }
}

function writeSelection(ctx: PatchContext, mode: WriteMode, sel: Selection, value: unknown): void {
  assertSelectable(sel);
  const incoming = incomingElement(sel, value);
  const pinned = pinnedValues(sel.where) ?? {};
  updateElements(ctx.doc, sel.ref, (current) => {
    let matched = false;
    const next = current.flatMap((element) => {
      if (!selects(sel, element)) return [element];
      matched = true;
      const written = sel.sub
        ? withSub(element, sel.sub, incoming?.[sel.sub.name])
        : mode.writeElement(isJsonObject(element) ? element : {}, incoming, pinned);
      return written ? [written] : [];
    });
    if (!matched && incoming !== undefined) next.push(newElement(sel, incoming));
    return next;
  });
}

/** The value as an element, or as the part of one a sub-attribute path names. */
function incomingElement(sel: Selection, value: unknown): JsonObject | undefined {
  const name = selectionName(sel);
  if (!sel.sub) {
    const element = coerceElement(sel.ref.attr, value, name);
    return isJsonObject(element) ? element : undefined;
  }
  const coerced = coerceValue(sel.sub, value, name);
  return coerced === undefined ? undefined : { [sel.sub.name]: coerced };
}
