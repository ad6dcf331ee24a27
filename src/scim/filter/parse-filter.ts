import { AppError } from '../../errors/app-error.ts';
import {
  type AttrRef,
  findByName,
  type ResourceTypeDef,
  resolveAttrPathLoosely,
} from '../schema/resource-type.ts';
import type { Filter } from './ast.ts';
import { filterError, Lexer, type Token } from './lexer.ts';
import { compareNode } from './typecheck.ts';

export interface FilterLimits {
  readonly maxLength: number;
  /** Nesting of `(…)` and `[…]`. */
  readonly maxDepth: number;
  /** Comparisons and `pr` tests. */
  readonly maxClauses: number;
}

/** Bounds on untrusted filters, so that parsing, evaluation and the generated SQL stay small. */
export const DEFAULT_FILTER_LIMITS: FilterLimits = { maxLength: 4096, maxDepth: 32, maxClauses: 100 };

/** Names resolve against the resource type, or inside `attr[…]` against `parent`'s sub-attributes. */
type Scope = { readonly rt: ResourceTypeDef } | { readonly parent: AttrRef };

/**
 * Parses an RFC 7644 §3.4.2.2 filter (ABNF in Figure 1) into a resolved AST. Precedence: `not`, then
 * `and`, then `or`, both left-associative. Every error is 400 invalidFilter.
 */
export function parseFilter(rt: ResourceTypeDef, text: string, limits: Partial<FilterLimits> = {}): Filter {
  return new Parser(text, limits).whole({ rt });
}

/** The filter inside `attr[…]` of an RFC 7644 §3.5.2 PATCH path; `parent` must be a multi-valued complex attribute. */
export function parseValueFilter(parent: AttrRef, text: string, limits: Partial<FilterLimits> = {}): Filter {
  return new Parser(text, limits).whole({ parent });
}

/** Whether `ref` names a multi-valued complex attribute, the only kind `[…]` can filter. */
export function filtersElements(ref: AttrRef): boolean {
  return ref.sub === undefined && ref.attr.type === 'complex' && ref.attr.multiValued;
}

class Parser {
  private readonly lexer: Lexer;
  private readonly limits: FilterLimits;
  private token: Token;
  private depth = 0;
  private clauses = 0;

  constructor(text: string, limits: Partial<FilterLimits>) {
    this.limits = { ...DEFAULT_FILTER_LIMITS, ...limits };
    if (text.length > this.limits.maxLength) {
      throw new AppError('invalidFilter', `filter is longer than ${this.limits.maxLength} characters`);
    }
    if (text.trim() === '') throw new AppError('invalidFilter', 'filter is empty');
    this.lexer = new Lexer(text);
    this.token = this.lexer.next();
  }

  whole(scope: Scope): Filter {
    const filter = this.or(scope);
    if (this.token.kind !== 'end') throw unexpected(this.token, "'and', 'or' or the end of the filter");
    return filter;
  }

  private next(): Token {
    const token = this.token;
    this.token = this.lexer.next();
    return token;
  }

  private accept(op: 'and' | 'or'): boolean {
    if (this.token.kind !== 'logic' || this.token.op !== op) return false;
    this.next();
    return true;
  }

  private or(scope: Scope): Filter {
    let left = this.and(scope);
    while (this.accept('or')) left = { kind: 'or', left, right: this.and(scope) };
    return left;
  }

  private and(scope: Scope): Filter {
    let left = this.operand(scope);
    while (this.accept('and')) left = { kind: 'and', left, right: this.operand(scope) };
    return left;
  }

  /** `not` takes a parenthesised filter only (RFC 7644 §3.4.2.2; optional space per erratum 7319). */
  private operand(scope: Scope): Filter {
    const token = this.next();
    if (token.kind === 'logic' && token.op === 'not') {
      const open = this.next();
      if (open.kind !== '(') throw unexpected(open, "'(' after 'not'");
      return { kind: 'not', operand: this.nested(scope, ')') };
    }
    if (token.kind === '(') return this.nested(scope, ')');
    if (token.kind === 'path') return this.attrExp(scope, token);
    throw unexpected(token, "an attribute, '(' or 'not'");
  }

  /** The rest of a bracketed filter whose opening bracket has just been read. */
  private nested(scope: Scope, close: ')' | ']'): Filter {
    if (++this.depth > this.limits.maxDepth) {
      throw filterError(`filter nests deeper than ${this.limits.maxDepth} levels`, this.token.pos);
    }
    const filter = this.or(scope);
    const token = this.next();
    if (token.kind !== close) throw unexpected(token, `'${close}'`);
    this.depth--;
    return filter;
  }

  private attrExp(scope: Scope, name: Token): Filter {
    const ref = resolve(scope, name);
    const op = this.next();
    if (op.kind === '[') return this.valuePath(scope, ref, name);
    if (op.kind !== 'op') throw unexpected(op, `an operator after '${name.text}'`);
    if (++this.clauses > this.limits.maxClauses) {
      throw filterError(`filter has more than ${this.limits.maxClauses} comparisons`, name.pos);
    }
    if (op.op === 'pr') return { kind: 'present', path: ref };
    const value = this.next();
    if (value.kind !== 'value') throw unexpected(value, `a JSON value after '${op.text}'`);
    return compareNode(ref, op.op, value.value, name);
  }

  /**
   * RFC 7644 §3.4.2.2 valuePath: `emails[type eq "work"]`. Entra ID also sends
   * `emails[type eq "work"].value eq "…"` (a sub-attribute after `]`), which means the same element
   * must satisfy both, so it is read as `emails[type eq "work" and value eq "…"]`.
   */
  private valuePath(scope: Scope, ref: AttrRef, name: Token): Filter {
    if (!('rt' in scope)) throw filterError(`'[' cannot be nested inside '[…]'`, name.pos);
    if (!filtersElements(ref)) throw filterError(`'${name.text}' is not multi-valued and complex`, name.pos);
    const where = this.nested({ parent: ref }, ']');
    if (this.token.kind !== 'path' || !this.token.text.startsWith('.'))
      return { kind: 'valuePath', path: ref, where };
    const sub = this.next();
    const subName = { ...sub, text: sub.text.slice(1) };
    return {
      kind: 'valuePath',
      path: ref,
      where: { kind: 'and', left: where, right: this.attrExp({ parent: ref }, subName) },
    };
  }
}

function resolve(scope: Scope, name: Token): AttrRef {
  const ref =
    'rt' in scope ? resolveAttrPathLoosely(scope.rt, name.text) : resolveSub(scope.parent, name.text);
  if (!ref) throw filterError(`unknown attribute '${name.text}' in filter`, name.pos);
  // A filter on a never-returned attribute (password) would let clients probe its value.
  const returned = (ref.sub ?? ref.attr).returned;
  if (returned === 'never' || ref.attr.returned === 'never') {
    throw filterError(`attribute '${name.text}' cannot be filtered on`, name.pos);
  }
  return ref;
}

function resolveSub(parent: AttrRef, name: string): AttrRef | undefined {
  const sub = findByName(parent.attr.subAttributes ?? [], name);
  return sub && { ...parent, sub };
}

function unexpected(token: Token, expected: string): AppError {
  const found = token.kind === 'end' ? 'the end of the filter' : `'${token.text}'`;
  return filterError(`expected ${expected} but found ${found}`, token.pos);
}
