import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { CompareOp, Filter, FilterValue } from '../../../../src/scim/filter/ast.ts';
import { matchesFilter } from '../../../../src/scim/filter/evaluate.ts';
import { parseFilter } from '../../../../src/scim/filter/parse-filter.ts';
import type { AttributeDef, AttributeType } from '../../../../src/scim/schema/attribute.ts';
import { COMMON_ATTRIBUTES } from '../../../../src/scim/schema/common.ts';
import type { AttrRef } from '../../../../src/scim/schema/resource-type.ts';
import { printFilter } from '../../../support/print-filter.ts';
import { TEST_RESOURCE } from '../../../support/test-resource.ts';

const RUNS = { numRuns: 300 };
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Every filterable reference of TEST_RESOURCE (User + enterprise + numeric test extension). */
function allRefs(): AttrRef[] {
  const core = TEST_RESOURCE.schema;
  const schemas = [
    { id: core.id, extension: false, attributes: [...core.attributes, ...COMMON_ATTRIBUTES] },
    ...TEST_RESOURCE.extensions.map(({ schema }) => ({ ...schema, extension: true })),
  ];
  return schemas.flatMap(({ id, extension, attributes }) =>
    attributes
      .filter((attr) => attr.returned !== 'never')
      .flatMap((attr) => {
        const top: AttrRef = { schema: id, extension, attr };
        return [top, ...(attr.subAttributes ?? []).map((sub) => ({ ...top, sub }))];
      }),
  );
}

const REFS = allRefs();
const leafType = (ref: AttrRef): AttributeType => (ref.sub ?? ref.attr).type;
const COMPARABLE = REFS.filter((ref) => leafType(ref) !== 'complex');
const PARENTS = REFS.filter((ref) => !ref.sub && ref.attr.type === 'complex' && ref.attr.multiValued);

const OPS: Record<AttributeType, readonly CompareOp[]> = {
  string: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  reference: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  dateTime: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  integer: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  decimal: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  boolean: ['eq', 'ne'],
  binary: ['eq', 'ne'],
  complex: [],
};

type Values = (type: AttributeType) => fc.Arbitrary<FilterValue>;

/** Any literal the parser accepts for the type. */
const anyValue: Values = (type) => {
  switch (type) {
    case 'dateTime':
      return fc
        .date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'integer':
      return fc.integer();
    case 'decimal':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
    case 'boolean':
      return fc.boolean();
    default:
      return fc.string({ unit: 'binary', maxLength: 8 }).filter((text) => !text.includes('\0'));
  }
};

function compareLeaf(refs: readonly AttrRef[], values: Values): fc.Arbitrary<Filter> {
  return fc.constantFrom(...refs).chain((path) => {
    const type = leafType(path);
    const valued = fc.record({ op: fc.constantFrom(...OPS[type]), value: values(type) });
    const nulled = fc.record({ op: fc.constantFrom<CompareOp>('eq', 'ne'), value: fc.constant(null) });
    return fc.oneof(valued, nulled).map(({ op, value }): Filter => ({ kind: 'compare', path, op, value }));
  });
}

function leaf(refs: readonly AttrRef[], values: Values): fc.Arbitrary<Filter> {
  const present = fc.constantFrom(...refs).map((path): Filter => ({ kind: 'present', path }));
  const comparable = refs.filter((ref) => leafType(ref) !== 'complex');
  return fc.oneof(present, compareLeaf(comparable, values), compareLeaf(comparable, values));
}

/** and/or/not trees over `base`, at most `depth` levels deep (so at most 2^depth leaves). */
function tree(base: fc.Arbitrary<Filter>, depth: number): fc.Arbitrary<Filter> {
  if (depth === 0) return base;
  const child = tree(base, depth - 1);
  const pair = fc.tuple(child, child);
  return fc.oneof(
    base,
    pair.map(([left, right]): Filter => ({ kind: 'and', left, right })),
    pair.map(([left, right]): Filter => ({ kind: 'or', left, right })),
    child.map((operand): Filter => ({ kind: 'not', operand })),
  );
}

function valuePath(values: Values): fc.Arbitrary<Filter> {
  return fc.constantFrom(...PARENTS).chain((path) => {
    const subs = (path.attr.subAttributes ?? []).map((sub: AttributeDef) => ({ ...path, sub }));
    return tree(leaf(subs, values), 2).map((where): Filter => ({ kind: 'valuePath', path, where }));
  });
}

/** Filters as the parser produces them; 16 leaves of at most 4 clauses stay under the 100-clause cap. */
function filters(values: Values): fc.Arbitrary<Filter> {
  return tree(fc.oneof(leaf(REFS, values), valuePath(values)), 4);
}

describe('printFilter → parseFilter round trip', () => {
  test('parsing a printed filter gives the same AST, in any case and qualification', () => {
    fc.assert(
      fc.property(filters(anyValue), fc.boolean(), fc.boolean(), (filter, upper, qualify) => {
        assert.deepStrictEqual(parseFilter(TEST_RESOURCE, printFilter(filter, { upper, qualify })), filter);
      }),
      RUNS,
    );
  });
});

// Small pools, so that generated filters and documents often meet.
const WORDS = ['ada', 'ADA', 'bob', '', 'ada@x.org'];
const INSTANTS = ['2020-01-01T00:00:00Z', '2020-01-01T01:00:00+01:00', '2021-06-01T12:00:00.5Z'];
const pooled: Values = (type) => {
  switch (type) {
    case 'dateTime':
      return fc.constantFrom(...INSTANTS);
    case 'integer':
    case 'decimal':
      return fc.integer({ min: -2, max: 2 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constantFrom(...WORDS);
  }
};

const word = fc.constantFrom(...WORDS);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const element = fc.record(
  { value: word, type: fc.constantFrom('work', 'home'), primary: fc.boolean() },
  { requiredKeys: [] },
);
const docs: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: word,
    userName: word,
    title: optional(word),
    active: optional(fc.boolean()),
    name: fc.record({ givenName: word, familyName: optional(word) }, { requiredKeys: [] }),
    emails: fc.array(element, { maxLength: 3 }),
    ims: fc.array(element, { maxLength: 2 }),
    meta: fc.record({ lastModified: fc.constantFrom(...INSTANTS) }),
    [ENTERPRISE]: fc.record({ department: word, manager: fc.record({ value: word }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const holds = (filter: Filter, doc: Record<string, unknown>) => matchesFilter(filter, doc);
const not = (operand: Filter): Filter => ({ kind: 'not', operand });
const and = (left: Filter, right: Filter): Filter => ({ kind: 'and', left, right });
const or = (left: Filter, right: Filter): Filter => ({ kind: 'or', left, right });

describe('evaluator laws', () => {
  const f = filters(pooled);

  test('not not f ≡ f', () => {
    fc.assert(
      fc.property(f, docs, (a, doc) => assert.equal(holds(not(not(a)), doc), holds(a, doc))),
      RUNS,
    );
  });

  test('De Morgan', () => {
    fc.assert(
      fc.property(f, f, docs, (a, b, doc) => {
        assert.equal(holds(not(and(a, b)), doc), holds(or(not(a), not(b)), doc));
        assert.equal(holds(not(or(a, b)), doc), holds(and(not(a), not(b)), doc));
      }),
      RUNS,
    );
  });

  test('a and b holds when both do; a or b when either does', () => {
    fc.assert(
      fc.property(f, f, docs, (a, b, doc) => {
        assert.equal(holds(and(a, b), doc), holds(a, doc) && holds(b, doc));
        assert.equal(holds(or(a, b), doc), holds(a, doc) || holds(b, doc));
      }),
      RUNS,
    );
  });

  // Not for null literals: `emails[type eq null]` needs an element, `emails.type eq null` does not.
  test('attr[sub op v] ≡ attr.sub op v for a single comparison with a value', () => {
    const pairs = fc.constantFrom(...PARENTS).chain((path) => {
      const subs = (path.attr.subAttributes ?? []).map((sub) => ({ ...path, sub }));
      const valued = compareLeaf(subs, pooled).filter(
        (where) => where.kind === 'compare' && where.value !== null,
      );
      return valued.map((where) => [{ kind: 'valuePath', path, where } as Filter, where] as const);
    });
    fc.assert(
      fc.property(pairs, docs, ([bracketed, dotted], doc) =>
        assert.equal(holds(bracketed, doc), holds(dotted, doc)),
      ),
      RUNS,
    );
  });

  test('eq null ≡ not pr', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMPARABLE), docs, (path, doc) => {
        const isNull: Filter = { kind: 'compare', path, op: 'eq', value: null };
        assert.equal(holds(isNull, doc), holds(not({ kind: 'present', path }), doc));
      }),
      RUNS,
    );
  });
});
