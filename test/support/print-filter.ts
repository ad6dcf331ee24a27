import type { Filter, FilterValue } from '../../src/scim/filter/ast.ts';
import type { AttrRef } from '../../src/scim/schema/resource-type.ts';

export interface PrintStyle {
  /** Upper-case keywords and attribute names, which filters treat case-insensitively. */
  readonly upper?: boolean;
  /** Prefix core attributes with their schema URN too (extension attributes always are). */
  readonly qualify?: boolean;
}

const RANK = { or: 1, and: 2 } as const;
const rank = (filter: Filter): number =>
  filter.kind === 'or' || filter.kind === 'and' ? RANK[filter.kind] : 3;

/** Prints a filter in RFC 7644 §3.4.2.2 syntax, with only the parentheses precedence requires. */
export function printFilter(filter: Filter, style: PrintStyle = {}): string {
  const word = (text: string) => (style.upper ? text.toUpperCase() : text);

  const name = (ref: AttrRef, inBrackets: boolean): string => {
    if (inBrackets && ref.sub) return word(ref.sub.name);
    const top = ref.extension || style.qualify ? `${ref.schema}:${ref.attr.name}` : ref.attr.name;
    return word(ref.sub ? `${top}.${ref.sub.name}` : top);
  };

  const literal = (value: FilterValue): string =>
    typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : word(String(value));

  const print = (f: Filter, inBrackets: boolean): string => {
    const wrap = (child: Filter, needed: boolean) =>
      needed ? `(${print(child, inBrackets)})` : print(child, inBrackets);
    switch (f.kind) {
      case 'and':
      case 'or':
        // Both are left-associative: a right operand of the same rank needs parentheses.
        return `${wrap(f.left, rank(f.left) < rank(f))} ${word(f.kind)} ${wrap(f.right, rank(f.right) <= rank(f))}`;
      case 'not':
        return `${word('not')} (${print(f.operand, inBrackets)})`;
      case 'present':
        return `${name(f.path, inBrackets)} ${word('pr')}`;
      case 'compare':
        return `${name(f.path, inBrackets)} ${word(f.op)} ${literal(f.value)}`;
      case 'valuePath':
        return `${name(f.path, false)}[${print(f.where, true)}]`;
    }
  };

  return print(filter, false);
}
