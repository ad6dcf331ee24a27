import fc from 'fast-check';
import type { CompareOp, Filter, FilterValue } from '../../src/scim/filter/ast.ts';
import type { AttributeDef } from '../../src/scim/schema/attribute.ts';
import { type AttrRef, attributeRefs, type ResourceTypeDef } from '../../src/scim/schema/resource-type.ts';

// Generators for the SQL-against-oracle property test, walked from the schema itself, so that every
// attribute a filter can name (sub-attributes, extensions, meta, the membership edges) is generated.

/** Small pools, so that generated values hit, miss and tie; with the characters SQL likes to misread. */
export const WORDS = ['Ada', 'ada', 'ADA', 'Eng', 'eng%', 'a_b', 'x\\y', '100%', 'Ünïcode', 'ß', "O'Malley"];
const REFERENCES = ['https://example.com/a', 'HTTPS://EXAMPLE.COM/a', 'https://example.com/b%_'];
const BINARIES = ['QUJD', 'qujd', 'TUlJQw=='];
const NUMBERS = [0, 1, -1, 2.5];

/** What filter literals are drawn from, beside the words: values the fixture really holds. */
export interface LiteralPools {
  readonly strings: readonly string[];
  readonly dateTimes: readonly string[];
}

/** Every attribute reference a filter on `rt` can name: attributes, then each of their sub-attributes. */
export function filterableRefs(rt: ResourceTypeDef): AttrRef[] {
  const tops = attributeRefs(rt).filter((ref) => ref.attr.returned !== 'never');
  return tops.flatMap((ref) => [ref, ...(ref.attr.subAttributes ?? []).map((sub) => ({ ...ref, sub }))]);
}

/** RFC 7644 §3.4.2.2: which operators each type takes (the parser refuses the others). */
function operators(def: AttributeDef): CompareOp[] {
  switch (def.type) {
    case 'string':
    case 'reference':
      return ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
    case 'dateTime':
    case 'integer':
    case 'decimal':
      return ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
    default:
      return ['eq', 'ne'];
  }
}

function literal(def: AttributeDef, pools: LiteralPools): fc.Arbitrary<Exclude<FilterValue, null>> {
  switch (def.type) {
    case 'string':
      return fc.constantFrom(...WORDS, ...pools.strings, '');
    case 'reference':
      return fc.constantFrom(...REFERENCES, ...pools.strings);
    case 'binary':
      return fc.constantFrom(...BINARIES);
    case 'dateTime':
      return fc.constantFrom(...pools.dateTimes);
    case 'integer':
      return fc.constantFrom(...NUMBERS.filter(Number.isInteger));
    case 'decimal':
      return fc.constantFrom(...NUMBERS);
    case 'boolean':
      return fc.boolean();
    case 'complex':
      throw new Error('complex values are compared through a sub-attribute');
  }
}

/** `x pr`, `x op literal` and `x eq/ne null`; a complex attribute compares as its `value`, if it has one. */
function leafOf(ref: AttrRef, pools: LiteralPools): fc.Arbitrary<Filter> {
  const present = fc.constant<Filter>({ kind: 'present', path: ref });
  const value = ref.sub ? undefined : ref.attr.subAttributes?.find((s) => s.name === 'value');
  const path = value ? { ...ref, sub: value } : ref;
  const def = path.sub ?? path.attr;
  if (def.type === 'complex') return present;
  const compare = fc.record({
    kind: fc.constant('compare' as const),
    path: fc.constant(path),
    op: fc.constantFrom(...operators(def)),
    value: literal(def, pools),
  });
  const nullCompare = fc.record({
    kind: fc.constant('compare' as const),
    path: fc.constant(path),
    op: fc.constantFrom<CompareOp>('eq', 'ne'),
    value: fc.constant(null),
  });
  return fc.oneof({ arbitrary: compare, weight: 6 }, { arbitrary: present, weight: 2 }, nullCompare);
}

/** `and`/`or`/`not` trees over `leaves`. */
function tree(leaves: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> {
  return fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaves,
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') }),
      fc.record({ kind: fc.constant('not' as const), operand: tie('f') }),
    ),
  })).f;
}

/**
 * Filters over every filterable attribute of `rt`, value paths on each multi-valued complex one
 * included. `rare` attributes are drawn a quarter as often (those most of whose filters are refused).
 */
export function filterArbitrary(
  rt: ResourceTypeDef,
  pools: LiteralPools,
  rare: (ref: AttrRef) => boolean = () => false,
): fc.Arbitrary<Filter> {
  const refs = filterableRefs(rt);
  const leaves = refs.map((ref) => ({ arbitrary: leafOf(ref, pools), weight: rare(ref) ? 1 : 4 }));
  const valuePaths = refs
    .filter((ref) => !ref.sub && ref.attr.type === 'complex' && ref.attr.multiValued)
    .map((ref) => {
      const subs = refs.filter((r) => r.sub && r.attr === ref.attr).map((sub) => leafOf(sub, pools));
      const arbitrary = fc.record({
        kind: fc.constant('valuePath' as const),
        path: fc.constant(ref),
        where: tree(fc.oneof(...subs)),
      });
      return { arbitrary, weight: rare(ref) ? 1 : 4 };
    });
  return tree(fc.oneof(...leaves, ...valuePaths));
}
