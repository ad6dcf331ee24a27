import { AppError } from '../../errors/app-error.ts';
import type { CompareOp, Filter, FilterValue } from '../../scim/filter/ast.ts';
import { compareValue, foldCase } from '../../scim/filter/compare.ts';
import type { AttributeDef } from '../../scim/schema/attribute.ts';
import { type AttrRef, docPath, leafDef } from '../../scim/schema/resource-type.ts';
import { columnDateTime, epochSeconds } from './date-literal.ts';
import type { Params, SqlDialect } from './dialect.ts';
import { attrKey, type TableSpec, versionTag } from './table-spec.ts';

interface Context {
  readonly dialect: SqlDialect;
  readonly params: Params;
  readonly table: TableSpec;
  /** The resource row's alias in the enclosing query. */
  readonly row: string;
  readonly tenant: string;
  depth: number;
}

/** A value to compare: its SQL expression and the definition of what it holds. */
interface Operand {
  readonly expr: string;
  readonly def: AttributeDef;
  /** A real column rather than a JSON value; string key columns hold folded text. */
  readonly column: boolean;
  readonly folded?: boolean;
}

/**
 * Compiles a filter to a SQL boolean over one resource row. Every leaf yields exactly 1 or 0 (never
 * NULL), so NOT and OR agree with the in-memory evaluator, which is the oracle in tests.
 */
export function compileFilter(
  filter: Filter,
  target: { dialect: SqlDialect; table: TableSpec; row: string; tenant: string },
  params: Params,
): string {
  return compile(filter, { ...target, params, depth: 0 });
}

function compile(filter: Filter, ctx: Context): string {
  return combine(filter, (leaf) =>
    leaf.kind === 'valuePath' ? compileValuePath(leaf.path, leaf.where, ctx) : compileLeaf(leaf, ctx),
  );
}

/** `and`, `or` and `not` over the leaves, each compiled by `leaf`: alike at the top and inside `attr[…]`. */
function combine(
  filter: Filter,
  leaf: (f: Exclude<Filter, { kind: 'and' | 'or' | 'not' }>) => string,
): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return `(${combine(filter.left, leaf)} ${filter.kind.toUpperCase()} ${combine(filter.right, leaf)})`;
    case 'not':
      return `(NOT ${combine(filter.operand, leaf)})`;
    default:
      return leaf(filter);
  }
}

type Leaf = Extract<Filter, { kind: 'compare' | 'present' }>;

function compileLeaf(leaf: Leaf, ctx: Context): string {
  const { path } = leaf;
  // RFC 7643 §2.5: null means unassigned, so `eq null` is `not pr` and `ne null` is `pr`.
  if (leaf.kind === 'compare' && leaf.value === null) {
    const present = compileLeaf({ kind: 'present', path }, ctx);
    return leaf.op === 'ne' ? present : `(NOT ${present})`;
  }
  const column = ctx.table.columns.get(attrKey(path));
  if (column) {
    const def = leafDef(path);
    return predicate(
      leaf,
      { expr: `${ctx.row}.${column.column}`, def, column: true, folded: column.folded },
      ctx,
    );
  }
  if (isEdge(path, ctx)) return edgeLeaf(leaf, ctx);
  if (isMeta(path)) return metaLeaf(leaf, ctx);
  if (leaf.kind === 'present' && !path.sub && path.attr.type === 'complex') return complexPresent(path, ctx);
  if (!path.attr.multiValued) {
    const operand = {
      expr: ctx.dialect.jsonScalar(`${ctx.row}.doc_json`, docPath(path)),
      def: leafDef(path),
      column: false,
    };
    return predicate(leaf, operand, ctx);
  }
  if (leaf.kind === 'present' && !path.sub) {
    return `(${ctx.dialect.jsonArrayLength(`${ctx.row}.doc_json`, docPath(path))} > 0)`;
  }
  if (ctx.table.emailIndex && path.attr.name === 'emails' && leaf.kind === 'compare' && leaf.op === 'eq') {
    if ((!path.sub || path.sub.name === 'value') && typeof leaf.value === 'string')
      return emailLookup(leaf.value, ctx);
  }
  // Any element matching is a match (RFC 7644 §3.4.2.2 on multi-valued attributes).
  const element = elementOperand(path, path.sub, ctx, 'e');
  return `EXISTS (SELECT 1 FROM ${element.from} WHERE ${predicate(leaf, element.operand, ctx)})`;
}

/**
 * RFC 7644 §3.4.2.2 `pr` on a complex attribute: some sub-attribute has a non-empty value (in some
 * element, when multi-valued), so `{}` and `[{}]` are not present, as in the evaluator.
 */
function complexPresent(path: AttrRef, ctx: Context): string {
  const { dialect } = ctx;
  const anySub = (json: string, prefix: readonly string[]) =>
    (path.attr.subAttributes ?? [])
      .map((sub) => {
        const operand = { expr: dialect.jsonScalar(json, [...prefix, sub.name]), def: sub, column: false };
        return predicate({ kind: 'present', path: { ...path, sub } }, operand, ctx);
      })
      .join(' OR ');
  if (!path.attr.multiValued) return `(${anySub(`${ctx.row}.doc_json`, docPath(path))})`;
  const alias = `p${ctx.depth++}`;
  const from = dialect.jsonElements(`${ctx.row}.doc_json`, docPath(path), alias);
  return `EXISTS (SELECT 1 FROM ${from} WHERE ${anySub(dialect.elementJson(alias), [])})`;
}

function compileValuePath(path: AttrRef, where: Filter, ctx: Context): string {
  if (isEdge(path, ctx)) return edgeLeaf(where, ctx);
  const alias = `e${ctx.depth++}`;
  const from = ctx.dialect.jsonElements(`${ctx.row}.doc_json`, docPath(path), alias);
  const inner = compileElementFilter(where, alias, ctx);
  return `EXISTS (SELECT 1 FROM ${from} WHERE ${inner})`;
}

/** A filter inside `attr[…]`: every reference is a sub-attribute of the current element. */
function compileElementFilter(filter: Filter, alias: string, ctx: Context): string {
  return combine(filter, (leaf) => {
    if (leaf.kind === 'valuePath') throw new AppError('invalidFilter', 'value filters cannot be nested');
    const { sub } = leaf.path;
    const { dialect } = ctx;
    const expr = sub
      ? dialect.jsonScalar(dialect.elementJson(alias), [sub.name])
      : dialect.elementScalar(alias);
    return predicate(leaf, { expr, def: leafDef(leaf.path), column: false }, ctx);
  });
}

function elementOperand(path: AttrRef, sub: AttributeDef | undefined, ctx: Context, prefix: string) {
  const alias = `${prefix}${ctx.depth++}`;
  const from = ctx.dialect.jsonElements(
    `${ctx.row}.doc_json`,
    docPath({ schema: path.schema, extension: path.extension, attr: path.attr }),
    alias,
  );
  // RFC 7644 §3.4.2.2: a complex multi-valued attribute compared as a whole compares its `value`.
  const leaf = sub ?? path.attr.subAttributes?.find((s) => s.name === 'value');
  const expr =
    leaf && path.attr.type === 'complex'
      ? ctx.dialect.jsonScalar(ctx.dialect.elementJson(alias), [leaf.name])
      : ctx.dialect.elementScalar(alias);
  return { from, operand: { expr, def: leaf ?? path.attr, column: false } satisfies Operand };
}

function predicate(leaf: Leaf, operand: Operand, ctx: Context): string {
  const present = `(${operand.expr} IS NOT NULL AND ${operand.expr} <> '')`;
  if (leaf.kind === 'present') return present;
  if (leaf.value === null) return leaf.op === 'ne' ? present : `(NOT ${present})`;
  return compare(operand, leaf.op, leaf.value, ctx);
}

/**
 * The SQL for `lhs op literal`, with folding and dateTime normalisation on both sides. An absent value
 * matches no operator, `ne` included, as in the evaluator. `x IS NOT NULL AND …` keeps every leaf
 * two-valued (so NOT agrees with the evaluator) while leaving `column = ?` visible to the index.
 */
function compare(operand: Operand, op: CompareOp, value: Exclude<FilterValue, null>, ctx: Context): string {
  const known = (test: string) => `(${operand.expr} IS NOT NULL AND ${test})`;
  const { dialect, params } = ctx;
  const { def } = operand;
  if (def.type === 'boolean') {
    const isTrue = `${operand.expr} = ${dialect.jsonTrue}`;
    return known((op === 'eq') === (value === true) ? isTrue : `NOT (${isTrue})`);
  }
  let lhs = operand.expr;
  let rhs: unknown = value;
  if (def.type === 'dateTime' && typeof value === 'string') {
    if (!operand.column) [lhs, rhs] = [dialect.dateTime(lhs), epochSeconds(value)];
    else {
      const literal = columnDateTime(value, op);
      if (literal.op === 'never' || literal.op === 'always')
        return known(literal.op === 'always' ? 'TRUE' : 'FALSE');
      [rhs, op] = [literal.iso, literal.op];
    }
  } else if (typeof value === 'string' && def.type === 'string' && !def.caseExact) {
    rhs = foldCase(value);
    if (!operand.folded) lhs = dialect.fold(lhs);
  }
  if (rhs === '' && (op === 'co' || op === 'sw' || op === 'ew')) return known('TRUE');
  const p = params.add(rhs);
  switch (op) {
    case 'co':
      return known(dialect.contains(lhs, p));
    case 'sw':
      return known(dialect.startsWith(lhs, p));
    case 'ew':
      return known(dialect.endsWith(lhs, p));
    default:
      return known(`${lhs} ${SQL_OPERATORS[op]} ${p}`);
  }
}

const SQL_OPERATORS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function isEdge(path: AttrRef, ctx: Context): boolean {
  return path.attr.name === ctx.table.edgeAttribute && !path.extension;
}

/**
 * `groups` (users) and `members` (groups) live in group_members, not in the document. The forms IdPs
 * send are supported: `members[value eq "id"]`, `members.value eq "id"`, `groups eq "id"`, `… pr`.
 */
function edgeLeaf(filter: Filter, ctx: Context): string {
  const other = ctx.table.edgeColumn === 'member_id' ? 'group_id' : 'member_id';
  const edges = `SELECT ${ctx.table.edgeColumn} FROM group_members WHERE tenant_id = ${ctx.params.add(ctx.tenant)}`;
  if (filter.kind === 'present' && (!filter.path.sub || filter.path.sub.name === 'value')) {
    return `${ctx.row}.id IN (${edges})`;
  }
  const isValueEq = filter.kind === 'compare' && filter.op === 'eq' && typeof filter.value === 'string';
  if (isValueEq && (!filter.path.sub || filter.path.sub.name === 'value')) {
    return `${ctx.row}.id IN (${edges} AND ${other} = ${ctx.params.add(filter.value)})`;
  }
  throw new AppError(
    'invalidFilter',
    `only '${ctx.table.edgeAttribute}.value eq' and 'pr' can filter on ${ctx.table.edgeAttribute}`,
  );
}

export function isMeta(path: AttrRef): boolean {
  return path.attr.name === 'meta' && !path.extension;
}

/**
 * `meta` is not in the document: `created` and `lastModified` are columns (found before this), the rest
 * derive from the row. `location` is refused: it is built from the URL each request arrives on (or
 * `--public-url`), so a filter on it would answer differently by the way the server is reached.
 */
function metaLeaf(leaf: Leaf, ctx: Context): string {
  const { sub } = leaf.path;
  // Every resource has a meta; RFC 7644 §3.4.2.2 `pr` on a complex value asks for any sub-attribute.
  if (!sub) return 'TRUE';
  switch (sub.name) {
    case 'resourceType': {
      const holds =
        leaf.kind === 'present' ||
        (leaf.value !== null && compareValue(sub, leaf.op, ctx.table.resourceType, leaf.value));
      return holds ? 'TRUE' : 'FALSE';
    }
    case 'version':
      return predicate(
        leaf,
        { expr: ctx.dialect.bytewise(versionTag(ctx.row)), def: sub, column: false },
        ctx,
      );
    case 'location':
      throw new AppError('invalidFilter', 'meta.location cannot be filtered on: it depends on the URL used');
    default:
      throw new Error(`meta.${sub.name} has no column`);
  }
}

/** `emails.value eq` through the user_emails side table, which holds the folded addresses. */
function emailLookup(value: string, ctx: Context): string {
  const tenant = ctx.params.add(ctx.tenant);
  return `${ctx.row}.id IN (SELECT user_id FROM user_emails WHERE tenant_id = ${tenant} AND value_key = ${ctx.params.add(foldCase(value))})`;
}
