import { AppError } from '../../errors/app-error.ts';
import { filtersElements, parseValueFilter } from '../filter/parse-filter.ts';
import {
  findByName,
  findExtension,
  type ResourceTypeDef,
  resolveAttrPath,
  resolveAttrPathLoosely,
} from '../schema/resource-type.ts';
import type { PatchPath } from './patch-path.ts';

/**
 * `attr[filter]` with an optional `.sub`. The filter is the greedy middle, so a `]` inside one of its
 * string literals stays in the filter.
 */
const VALUE_PATH = /^([^[\]]+)\[(.*)\](?:\.([^[\].]+))?$/s;

/** Names that reach Object.prototype; schema lookups never return them, and they must never be keys. */
const FORBIDDEN = /(?:^|[^A-Za-z0-9_$-])(?:__proto__|constructor|prototype)(?![A-Za-z0-9_$-])/i;
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/gs;

/**
 * Parses an RFC 7644 §3.5.2 PATCH path (`PATH = attrPath / valuePath [subAttr]`) against `rt`.
 * Errors follow the RFC 7644 §3.12 table: a bad filter inside `[…]` is invalidFilter (the "Path
 * Filter" case); everything else about the path is invalidPath.
 */
export function parsePatchPath(rt: ResourceTypeDef, text: string): PatchPath {
  if (text === '') throw invalidPath('the path is empty');
  if (FORBIDDEN.test(text.replace(STRING_LITERAL, '""'))) throw invalidPath(`'${text}' is not a valid path`);
  const valuePath = VALUE_PATH.exec(text);
  if (valuePath) return parseValuePath(rt, valuePath);
  if (text.includes('[') || text.includes(']')) throw invalidPath(`'${text}' is not a valid path`);
  const extension = findExtension(rt, text);
  if (extension) return { kind: 'extension', schema: extension };
  const ref = resolveAttrPathLoosely(rt, text);
  if (!ref) throw invalidPath(`unknown attribute '${text}' in path`);
  return { kind: 'attr', ref };
}

function parseValuePath(
  rt: ResourceTypeDef,
  [, attr = '', filter = '', subName]: RegExpExecArray,
): PatchPath {
  const ref = resolveAttrPath(rt, attr);
  if (!ref) throw invalidPath(`unknown attribute '${attr}' in path`);
  if (!filtersElements(ref)) throw invalidPath(`'${attr}' is not a multi-valued complex attribute`);
  const where = parseValueFilter(ref, filter);
  if (subName === undefined) return { kind: 'valuePath', ref, where };
  const sub = findByName(ref.attr.subAttributes ?? [], subName);
  if (!sub) throw invalidPath(`unknown attribute '${attr}.${subName}' in path`);
  return { kind: 'valuePath', ref, where, sub };
}

function invalidPath(detail: string): AppError {
  return new AppError('invalidPath', detail);
}
