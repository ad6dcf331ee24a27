import { AppError } from '../../errors/app-error.ts';
import { parsePatchPath } from '../path/parse-patch-path.ts';
import type { PatchPath } from '../path/patch-path.ts';
import { assertNoUnsafeKeys, isJsonObject, type JsonObject } from '../resource.ts';
import type { ResourceTypeDef } from '../schema/resource-type.ts';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Okta may batch up to 1000 membership changes in one PATCH (idp-behaviour §6.19). */
export const MAX_OPERATIONS = 1000;

export type AddOp = { readonly op: 'add'; readonly path?: PatchPath; readonly value: unknown };
export type ReplaceOp = { readonly op: 'replace'; readonly path?: PatchPath; readonly value: unknown };
/** `value` is kept only when sent: it turns a remove into Entra's remove-these-values form. */
export type RemoveOp = { readonly op: 'remove'; readonly path?: PatchPath; readonly value?: unknown };
export type PatchOp = AddOp | ReplaceOp | RemoveOp;

function syntaxError(detail: string): AppError {
  return new AppError('invalidSyntax', detail);
}

/**
 * Validates an RFC 7644 §3.5.2 PatchOp message and resolves each operation's path against `rt`.
 * Op names are case-insensitive because Entra sends `Add`/`Replace`/`Remove` (idp-behaviour §6.14).
 */
export function parsePatchRequest(rt: ResourceTypeDef, body: unknown): PatchOp[] {
  if (!isJsonObject(body)) throw syntaxError('The request body must be a JSON object.');
  assertNoUnsafeKeys(body);
  const schemas = member(body, 'schemas');
  const urn = PATCH_OP_SCHEMA.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn)) {
    throw syntaxError(`"schemas" must contain "${PATCH_OP_SCHEMA}".`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw syntaxError('"Operations" must be a non-empty array.');
  }
  if (operations.length > MAX_OPERATIONS) {
    throw syntaxError(`A PATCH request may carry at most ${MAX_OPERATIONS} operations.`);
  }
  return operations.map((operation, index) => parseOperation(rt, operation, `Operations[${index}]`));
}

function parseOperation(rt: ResourceTypeDef, raw: unknown, where: string): PatchOp {
  if (!isJsonObject(raw)) throw syntaxError(`${where} must be an object.`);
  const name = member(raw, 'op');
  const op = typeof name === 'string' ? name.toLowerCase() : name;
  const rawPath = member(raw, 'path');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    throw syntaxError(`${where}.path must be a string.`);
  }
  const path = typeof rawPath === 'string' ? { path: parsePatchPath(rt, rawPath) } : {};
  const hasValue = keyOf(raw, 'value') !== undefined;
  const value = member(raw, 'value');
  if (op === 'remove') return hasValue ? { op, ...path, value } : { op, ...path };
  if (op !== 'add' && op !== 'replace')
    throw syntaxError(`${where}.op must be "add", "replace" or "remove".`);
  // RFC 7644 §3.5.2.1, §3.5.2.3: add and replace MUST carry a value (null is one: it unassigns).
  if (!hasValue) throw syntaxError(`${where} (${op}) needs a "value".`);
  return { op, ...path, value };
}

/** RFC 7643 §2.1: attribute names are case-insensitive, in messages too. */
function keyOf(object: JsonObject, name: string): string | undefined {
  const folded = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === folded);
}

function member(object: JsonObject, name: string): unknown {
  const key = keyOf(object, name);
  return key === undefined ? undefined : object[key];
}
