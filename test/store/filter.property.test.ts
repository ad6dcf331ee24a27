import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { openStore } from '../../src/main.ts';
import type { CompareOp, Filter } from '../../src/scim/filter/ast.ts';
import { matchesFilter } from '../../src/scim/filter/evaluate.ts';
import { parseFilter } from '../../src/scim/filter/parse-filter.ts';
import { type AttrRef, resolveAttrPath, USER_RESOURCE } from '../../src/scim/schema/resource-type.ts';
import type { ResourceDoc, Store, StoredResource, TenantId } from '../../src/store/port.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { printFilter } from '../support/print-filter.ts';

// The in-memory evaluator is the oracle: for any filter, the database must return exactly the users it
// accepts. The runner runs this file once per engine.

const ref = (path: string): AttrRef => {
  const resolved = resolveAttrPath(USER_RESOURCE, path);
  if (!resolved) throw new Error(path);
  return resolved;
};

/** Small pools, so that generated filters hit, miss and tie; with the characters SQL likes to misread. */
const WORDS = ['Ada', 'ada', 'ADA', 'Eng', 'eng%', 'a_b', 'x\\y', '100%', 'Ünïcode', 'ß', '', "O'Malley"];
const STRING_PATHS = [
  'userName',
  'displayName',
  'title',
  'name.givenName',
  'externalId',
  'emails.value',
  'emails.type',
];
const ENTERPRISE_DEPT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';
const STRING_OPS: CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

const word = fc.constantFrom(...WORDS);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const docArb = (i: number) =>
  fc
    .record({
      userName: fc.constantFrom(`user${i}`, `USER${i}x`, `Ada${i}`, `ß${i}`),
      displayName: maybe(word),
      title: maybe(word),
      givenName: maybe(word),
      externalId: maybe(fc.constantFrom(`ext-${i}`, `EXT-${i}`)),
      emails: fc.array(fc.record({ value: word, type: maybe(fc.constantFrom('work', 'home', 'Work')) }), {
        maxLength: 2,
      }),
      active: fc.boolean(),
      department: maybe(word),
    })
    .map((r): ResourceDoc => {
      const doc: ResourceDoc = { userName: r.userName, active: r.active };
      const set = (key: string, value: unknown) => {
        if (value !== undefined && value !== '') doc[key] = value;
      };
      set('displayName', r.displayName);
      set('title', r.title);
      set('externalId', r.externalId);
      if (r.givenName) doc.name = { givenName: r.givenName };
      const emails = r.emails.filter((e) => e.value !== '').map((e) => (e.type ? e : { value: e.value }));
      if (emails.length > 0) doc.emails = emails;
      if (r.department)
        doc['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] = { department: r.department };
      return doc;
    });

const leaf: fc.Arbitrary<Filter> = fc.oneof(
  fc
    .record({
      kind: fc.constant('compare' as const),
      path: fc.constantFrom(...STRING_PATHS, ENTERPRISE_DEPT).map(ref),
      op: fc.constantFrom(...STRING_OPS),
      value: fc.oneof(word, fc.constant(null)),
    })
    .filter((f) => f.value !== null || f.op === 'eq' || f.op === 'ne'),
  fc.record({
    kind: fc.constant('compare' as const),
    path: fc.constant(ref('active')),
    op: fc.constantFrom<CompareOp>('eq', 'ne'),
    value: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('present' as const),
    path: fc.constantFrom(...STRING_PATHS, 'emails', 'name', ENTERPRISE_DEPT).map(ref),
  }),
  fc.record({
    kind: fc.constant('valuePath' as const),
    path: fc.constant(ref('emails')),
    where: fc.oneof(
      fc.record({
        kind: fc.constant('compare' as const),
        path: fc.constantFrom('emails.type', 'emails.value').map(ref),
        op: fc.constantFrom<CompareOp>('eq', 'ne', 'co', 'sw'),
        value: word,
      }),
      fc.record({ kind: fc.constant('present' as const), path: fc.constant(ref('emails.type')) }),
    ),
  }),
);

const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('f') }),
  ),
})).f;

let store: Store;
let db: TestDatabase;
let users: StoredResource[] = [];
const tenant = 'oracle' as TenantId;

before(async () => {
  db = await freshDatabase();
  store = await openStore(db.database);
  await store.tenants.create(tenant, new Date().toISOString());
  const docs =
    fc.sample(fc.tuple(...Array.from({ length: 60 }, (_, i) => docArb(i))), { numRuns: 1, seed: 42 })[0] ??
    [];
  users = await store.forTenant(tenant).transaction(async (tx) => {
    const out: StoredResource[] = [];
    for (const doc of docs) {
      const written = await tx.users.insert(randomUUID(), doc, new Date().toISOString());
      if (written.ok) out.push(written.value);
    }
    return out;
  });
});

after(async () => {
  await store.close();
  await db.drop();
});

/** Names a failing filter in filter syntax rather than as a dump of its attribute definitions. */
function report(details: fc.RunDetails<[Filter]>): void {
  if (!details.failed) return;
  const filter = details.counterexample?.[0];
  throw new Error(`${filter ? printFilter(filter) : '?'}: ${String(details.errorInstance)}`);
}

async function sqlIds(filter: Filter): Promise<string[]> {
  const page = await store
    .forTenant(tenant)
    .users.list({ filter, sortBy: undefined, descending: false, offset: 0, count: 1000 });
  return page.items.map((u) => u.id).sort();
}

test(`${ENGINE} returns exactly the users the in-memory evaluator accepts, for generated filters`, async () => {
  assert.ok(users.length >= 50, 'the fixture directory was created');
  await fc.assert(
    fc.asyncProperty(filterArb, async (filter) => {
      const expected = users
        .filter((u) => matchesFilter(filter, u.doc))
        .map((u) => u.id)
        .sort();
      assert.deepEqual(await sqlIds(filter), expected, printFilter(filter));
    }),
    { numRuns: 1500 },
  );
});

test('printed filters parse back to filters with the same answer', async () => {
  await fc.assert(
    fc.asyncProperty(filterArb, async (filter) => {
      const reparsed = parseFilter(USER_RESOURCE, printFilter(filter));
      assert.deepEqual(await sqlIds(reparsed), await sqlIds(filter));
    }),
    { numRuns: 200, reporter: report },
  );
});

test('co, sw and ew match %, _ and \\ literally', async () => {
  for (const [op, value] of [
    ['co', '%'],
    ['co', '_'],
    ['co', '\\'],
    ['sw', '1'],
    ['ew', '%'],
  ] as const) {
    const filter = parseFilter(USER_RESOURCE, `title ${op} ${JSON.stringify(value)}`);
    const expected = users
      .filter((u) => matchesFilter(filter, u.doc))
      .map((u) => u.id)
      .sort();
    assert.deepEqual(await sqlIds(filter), expected);
    for (const id of expected) {
      const title = String(users.find((u) => u.id === id)?.doc.title);
      assert.ok(title.includes(value), `${title} should literally contain ${value}`);
    }
  }
});
