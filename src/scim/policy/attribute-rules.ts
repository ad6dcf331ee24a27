import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../errors/app-error.ts';
import type { Filter } from '../filter/ast.ts';
import { attrOf } from '../patch/context.ts';
import { parsePatchPath } from '../path/parse-patch-path.ts';
import {
  getAttr,
  isJsonObject,
  isPassword,
  isUnassigned,
  type JsonObject,
  putOrDelete,
  type ResourceDoc,
  refName,
  setAttr,
} from '../resource.ts';
import type { AttributeDef } from '../schema/attribute.ts';
import {
  type AttrRef,
  type ResourceTypeDef,
  resolveAttrPathLoosely,
  USER_RESOURCE,
} from '../schema/resource-type.ts';
import type { Restriction } from './policy.ts';
import { PolicyError } from './policy-error.ts';

/** An attribute path of the policy, with the pointer that locates it. */
interface Entry {
  readonly ref: AttrRef;
  readonly pointer: string;
}

/** What SCIM itself needs of a User, whatever the app supports: never restricted. */
const ALWAYS_SUPPORTED = new Set(['userName', 'active', 'externalId']);

/** Resolves `supported` or `ignore`: attributes of User the client could write, core or Enterprise. */
export function resolvePaths(user: ResourceTypeDef, paths: readonly string[], pointer: string): Entry[] {
  const rfcSchemas = new Set([USER_RESOURCE.schema.id, ...USER_RESOURCE.extensions.map((e) => e.schema.id)]);
  return paths.map((path, i) => {
    const at = `${pointer}/${i}`;
    const ref = resolveAttrPathLoosely(user, path);
    if (!ref) throw new PolicyError(at, `"${path}" is not an attribute of User`);
    if (!rfcSchemas.has(ref.schema)) {
      throw new PolicyError(
        at,
        `"${path}" belongs to a tenant extension, whose attributes are always supported`,
      );
    }
    if (isPassword(ref.attr)) throw new PolicyError(at, 'the password is governed by /passwords/sync');
    if (ref.attr.mutability === 'readOnly' || ref.sub?.mutability === 'readOnly') {
      throw new PolicyError(at, `"${refName(ref)}" is readOnly: no client writes it`);
    }
    return { ref, pointer: at };
  });
}

const keyOf = (ref: AttrRef, sub = ref.sub) => `${ref.schema}:${ref.attr.name}${sub ? `.${sub.name}` : ''}`;

/**
 * Turns `supported` and `ignore` into the parts of a User the client may not write. Only the RFC's
 * attributes (core and Enterprise) are restricted: a tenant's own extension holds what its app takes.
 * The most specific entry decides (`ignore: ["name.honorificPrefix"]` inside a supported `name`); with
 * no `supported`, everything not ignored is supported.
 */
export function restrictionsOf(
  supported: readonly Entry[] | undefined,
  ignore: readonly Entry[],
): Restriction[] {
  const decided = new Map<string, 'supported' | 'ignore'>();
  for (const { ref } of supported ?? []) decided.set(keyOf(ref), 'supported');
  for (const { ref, pointer } of ignore) {
    if (ALWAYS_SUPPORTED.has(ref.attr.name) && !ref.extension) {
      throw new PolicyError(pointer, `"${ref.attr.name}" is needed by SCIM itself and cannot be ignored`);
    }
    const earlier = decided.get(keyOf(ref));
    if (earlier) {
      const where = earlier === 'supported' ? 'also in /attributes/supported' : 'listed twice';
      throw new PolicyError(pointer, `"${refName(ref)}" is ${where}`);
    }
    decided.set(keyOf(ref), 'ignore');
  }
  const actionOf = (decision: 'supported' | 'ignore' | undefined): Restriction['action'] | undefined =>
    decision === 'supported' ? undefined : (decision ?? (supported ? 'reject' : undefined));
  const restrictions: Restriction[] = [];
  for (const ref of restrictableRefs()) {
    const own = decided.get(keyOf(ref));
    const subs = (ref.attr.subAttributes ?? []).filter((sub) => sub.mutability !== 'readOnly');
    const parts = subs.some((sub) => decided.has(keyOf(ref, sub)))
      ? subs.map((sub) => ({ ref: { ...ref, sub }, decision: decided.get(keyOf(ref, sub)) ?? own }))
      : [{ ref, decision: own }];
    for (const part of parts) {
      const action = actionOf(part.decision);
      if (action) restrictions.push({ ref: part.ref, action });
    }
  }
  return restrictions;
}

/** The writable core and Enterprise attributes (the password is the passwords policy's business). */
function restrictableRefs(): AttrRef[] {
  const writable = (def: AttributeDef) =>
    def.mutability !== 'readOnly' && !isPassword(def) && !ALWAYS_SUPPORTED.has(def.name);
  return [
    ...USER_RESOURCE.schema.attributes
      .filter(writable)
      .map((attr) => ({ schema: USER_RESOURCE.schema.id, extension: false, attr })),
    ...USER_RESOURCE.extensions.flatMap(({ schema }) =>
      schema.attributes.filter(writable).map((attr) => ({ schema: schema.id, extension: true, attr })),
    ),
  ];
}

/**
 * A required entry as a filter that a new user must match: `name.givenName` is `name.givenName pr`,
 * `emails[primary eq true]` a value filter, `emails[type eq "work"].value` one whose element has a value.
 */
export function requiredFilter(user: ResourceTypeDef, text: string, pointer: string): Filter {
  let path: ReturnType<typeof parsePatchPath>;
  try {
    path = parsePatchPath(user, text);
  } catch (error) {
    if (error instanceof AppError) throw new PolicyError(pointer, error.message);
    throw error;
  }
  if (path.kind === 'extension') {
    throw new PolicyError(pointer, 'name attributes of the extension, or make the extension itself required');
  }
  if (path.kind === 'attr') return { kind: 'present', path: path.ref };
  const { ref, where, sub } = path;
  return {
    kind: 'valuePath',
    path: ref,
    where: sub ? { kind: 'and', left: where, right: { kind: 'present', path: { ...ref, sub } } } : where,
  };
}

/**
 * Writes to restricted parts have no effect: the stored value (none, on a create) is kept, whatever
 * the body or PATCH did to it. Giving a rejected part a value it does not already hold is a 400.
 * Values stored before the policy changed are never dropped by it. `doc` is changed in place.
 */
export function applyRestrictions(
  restrictions: readonly Restriction[],
  doc: ResourceDoc,
  current: ResourceDoc | undefined,
): void {
  for (const { ref, action } of restrictions) {
    const whole = attrOf(ref);
    const part: Part = {
      ref,
      action,
      proposed: getAttr(doc, whole),
      stored: current && getAttr(current, whole),
      write: (value) => setAttr(doc, whole, value),
    };
    if (ref.sub && ref.attr.multiValued) restrictInElements(part, ref.sub);
    else if (ref.sub) restrictSub(part, ref.sub);
    else keepStored(part, part.proposed, part.stored, part.write);
  }
}

/** The attribute a restriction is in: its value in the write and in the stored document. */
interface Part {
  readonly ref: AttrRef;
  readonly action: Restriction['action'];
  readonly proposed: unknown;
  readonly stored: unknown;
  readonly write: (value: unknown) => void;
}

function keepStored(part: Part, proposed: unknown, stored: unknown, restore: (value: unknown) => void): void {
  if (isDeepStrictEqual(proposed, stored)) return;
  if (part.action === 'reject' && proposed !== undefined) throw unsupported(part.ref);
  restore(stored);
}

function unsupported(ref: AttrRef): AppError {
  return new AppError('invalidValue', `Attribute "${refName(ref)}" is not supported by this application.`);
}

/** A sub-attribute of a single-valued complex attribute, such as `name.honorificPrefix`. */
function restrictSub(part: Part, sub: AttributeDef): void {
  const pick = (value: unknown) => (isJsonObject(value) ? value[sub.name] : undefined);
  keepStored(part, pick(part.proposed), pick(part.stored), (value) => {
    const next: JsonObject = { ...(isJsonObject(part.proposed) ? part.proposed : {}) };
    putOrDelete(next, sub.name, value);
    part.write(Object.keys(next).length > 0 ? next : undefined);
  });
}

/**
 * A sub-attribute in the elements of a multi-valued attribute, such as `addresses.country`. Elements
 * have no identity, so an element exactly as stored keeps its value; any other element loses it.
 */
function restrictInElements(part: Part, sub: AttributeDef): void {
  if (!Array.isArray(part.proposed)) return;
  const kept = Array.isArray(part.stored) ? part.stored : [];
  const hasValue = part.ref.attr.subAttributes?.some((s) => s.name === 'value') ?? false;
  const next = part.proposed.flatMap((element) => {
    if (!isJsonObject(element) || element[sub.name] === undefined) return [element];
    if (kept.some((old) => isDeepStrictEqual(old, element))) return [element];
    if (part.action === 'reject') throw unsupported(part.ref);
    const { [sub.name]: _dropped, ...rest } = element;
    // An element left empty, or without the value its type needs, is no element (RFC 7643 §2.5).
    return Object.keys(rest).length > 0 && (!hasValue || rest.value !== undefined) ? [rest] : [];
  });
  part.write(isUnassigned(next) ? undefined : next);
}
