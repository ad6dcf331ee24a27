import { AppError } from '../errors/app-error.ts';
import type { AttributeDef } from './schema/attribute.ts';
import type { AttrRef } from './schema/resource-type.ts';

/**
 * A stored resource: only client-writable data, under canonical attribute names (the `name` in the
 * schema data). Core and common attributes sit at the top level, extension attributes under their
 * schema URN (RFC 7643 §3.3). Never holds `id`, `meta`, `schemas`, `groups` or `password`: the
 * service owns the first four, and the password is handed back apart (password sync, when a tenant
 * turns it on, stores only a slow hash of it). A Group's `members` (value and type)
 * come out of normalizeResource only for the service to move them to its own table.
 */
export type ResourceDoc = Record<string, unknown>;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7643 §2.5: null, "" and [] all mean the attribute has no value. */
export function isUnassigned(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rejects prototype-polluting keys anywhere in untrusted JSON, including parts that are later ignored.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function assertNoUnsafeKeys(value: unknown): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!isJsonObject(next) && !Array.isArray(next)) continue;
    for (const [key, child] of Object.entries(next)) {
      if (UNSAFE_KEYS.has(key)) {
        throw new AppError('invalidSyntax', `The key "${key}" is not allowed.`);
      }
      pending.push(child);
    }
  }
}

/** The attribute path in RFC 7644 §3.10 notation, for error details. */
export function refName(ref: AttrRef): string {
  const attr = ref.extension ? `${ref.schema}:${ref.attr.name}` : ref.attr.name;
  return ref.sub ? `${attr}.${ref.sub.name}` : attr;
}

/** The value of the (top-level or extension) attribute `ref` names; its `sub` is not followed. */
export function getAttr(doc: ResourceDoc, ref: AttrRef): unknown {
  const holder = ref.extension ? doc[ref.schema] : doc;
  return isJsonObject(holder) ? holder[ref.attr.name] : undefined;
}

/** Sets, or with `undefined` removes, the attribute `ref` names; an emptied extension object goes too. */
export function setAttr(doc: ResourceDoc, ref: AttrRef, value: unknown): void {
  if (!ref.extension) {
    putOrDelete(doc, ref.attr.name, value);
    return;
  }
  const stored = doc[ref.schema];
  const holder = isJsonObject(stored) ? stored : {};
  putOrDelete(holder, ref.attr.name, value);
  putOrDelete(doc, ref.schema, Object.keys(holder).length > 0 ? holder : undefined);
}

export function putOrDelete(target: JsonObject, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** The User's `password` (RFC 7643 §4.1.1): writeOnly, so it is handed back apart and never stored here. */
export function isPassword(def: AttributeDef): boolean {
  return def.name === 'password' && def.mutability === 'writeOnly';
}
