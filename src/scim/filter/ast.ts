import type { AttrRef } from '../schema/resource-type.ts';

/** RFC 7644 §3.4.2.2 comparison operators (`pr` is its own node). */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A filter literal: JSON string, number, boolean or null. */
export type FilterValue = string | number | boolean | null;

/**
 * The filter AST. Attribute references are resolved against the resource type when parsing, so every
 * consumer (the in-memory evaluator, the SQL compilers) knows each attribute's type and case rules.
 * Inside a `valuePath`, `where` refers to sub-attributes of `path.attr` (its `sub` is set).
 */
export type Filter =
  | { readonly kind: 'compare'; readonly path: AttrRef; readonly op: CompareOp; readonly value: FilterValue }
  | { readonly kind: 'present'; readonly path: AttrRef }
  | { readonly kind: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'not'; readonly operand: Filter }
  | { readonly kind: 'valuePath'; readonly path: AttrRef; readonly where: Filter };
