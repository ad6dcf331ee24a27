import { AppError } from '../../errors/app-error.ts';
import type { Filter } from '../filter/ast.ts';
import { matchesFilter } from '../filter/index.ts';
import {
  isJsonObject,
  type JsonObject,
  putOrDelete,
  type ResourceDoc,
  refName,
  setAttr,
} from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';
import type { AttrRef } from '../schema/resource-type.ts';
import { assertWritable } from './context.ts';

/**
 * Elements of a multi-valued complex attribute that an operation targets: those `where` matches
 * (`emails[type eq "work"]`), or all of them (`emails.display`), optionally narrowed to one sub-attribute.
 */
export interface Selection {
  readonly ref: AttrRef;
  readonly where?: Filter;
  readonly sub?: AttributeDef;
}

export function selectionName(sel: Selection): string {
  return refName(sel.sub ? { ...sel.ref, sub: sel.sub } : sel.ref);
}

/** RFC 7644 §3.5.2: a value filter only applies to a multi-valued complex attribute, and a writable one. */
export function assertSelectable(sel: Selection): void {
  if (!sel.ref.attr.multiValued || sel.ref.attr.type !== 'complex') {
    throw new AppError('invalidPath', `"${refName(sel.ref)}" is not a multi-valued complex attribute.`);
  }
  assertWritable(sel.sub ? { ...sel.ref, sub: sel.sub } : sel.ref);
}

export function selects(sel: Selection, element: unknown): boolean {
  if (!sel.where) return true;
  // The evaluator works on documents, so the element is checked as the attribute's only value.
  const probe: ResourceDoc = {};
  setAttr(probe, sel.ref, [element]);
  return matchesFilter({ kind: 'valuePath', path: sel.ref, where: sel.where }, probe);
}

/** A copy of an element with one sub-attribute set, or removed when `value` is undefined. */
export function withSub(element: unknown, sub: AttributeDef, value: unknown): JsonObject {
  const copy = isJsonObject(element) ? { ...element } : {};
  putOrDelete(copy, sub.name, value);
  return copy;
}

/**
 * The sub-attribute values a filter pins with `eq`, when it is nothing but a conjunction of such
 * clauses (`type eq "work"`, `type eq "work" and primary eq true`); undefined for any other filter.
 */
export function pinnedValues(where: Filter | undefined): JsonObject | undefined {
  if (!where) return {};
  if (where.kind === 'and') {
    const [left, right] = [pinnedValues(where.left), pinnedValues(where.right)];
    return left && right && { ...left, ...right };
  }
  if (where.kind === 'compare' && where.op === 'eq' && where.path.sub && where.value !== null) {
    return { [where.path.sub.name]: where.value };
  }
  return undefined;
}

/**
 * The element to add when a write's filter matches nothing. RFC 7644 §3.5.2.3 answers noTarget, but
 * Entra replaces `emails[type eq "work"].value` on a user without a work email and expects the email
 * to appear (idp-behaviour §6.16), so the element is built from the filter's `eq` clauses plus the
 * value. A filter that does not pin its values that way still gets noTarget.
 */
export function newElement(sel: Selection, value: JsonObject): JsonObject {
  const pinned = pinnedValues(sel.where);
  if (!pinned) throw new AppError('noTarget', `No value of "${refName(sel.ref)}" matches the filter.`);
  return { ...pinned, ...value };
}
