import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { openStore } from '../../src/compose.ts';
import { AppError } from '../../src/errors/app-error.ts';
import type { Filter } from '../../src/scim/filter/ast.ts';
import { matchesFilter } from '../../src/scim/filter/evaluate.ts';
import { parseFilter } from '../../src/scim/filter/parse-filter.ts';
import type { AttributeDef } from '../../src/scim/schema/attribute.ts';
import { type AttrRef, USER_RESOURCE } from '../../src/scim/schema/resource-type.ts';
import { renderResource } from '../../src/service/render.ts';
import { GROUPS, type ResourceKind, USERS } from '../../src/service/resource-kind.ts';
import type { ResourceDoc, Store, StoredResource, TenantId } from '../../src/store/port.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { filterArbitrary, type LiteralPools, WORDS } from '../support/filter-arbitraries.ts';
import { printFilter } from '../support/print-filter.ts';

// The in-memory evaluator is the oracle: for any filter over any filterable attribute, the database
// must return exactly the resources it accepts, as rendered to clients (id, meta, groups and members
// included), or refuse the filter with 400 invalidFilter where the README says it does. The runner
// runs this file once per engine.

const BASE = 'https://scim.example.com/tenants/oracle/scim/v2';
const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const tenant = 'oracle' as TenantId;

let store: Store;
let db: TestDatabase;
/** Each kind's resources as a client sees them, beside what the store returned. */
const fixture = new Map<ResourceKind, { stored: StoredResource; view: Record<string, unknown> }[]>();
let pools: LiteralPools;

const at = (minutes: number) => new Date(T0 + minutes * 60_000 + (minutes % 7)).toISOString();
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A value for `def` as a stored document holds it; never '' or null, which validation drops. */
function storedValue(def: AttributeDef): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'string':
      return fc.constantFrom(...WORDS, 'work', 'Work', 'home');
    case 'reference':
      return fc.constantFrom('https://example.com/a', 'HTTPS://EXAMPLE.COM/a', 'https://example.com/b%_');
    case 'binary':
      return fc.constantFrom('QUJD', 'qujd');
    case 'boolean':
      return fc.boolean();
    case 'complex': {
      const subs = Object.fromEntries(
        (def.subAttributes ?? []).map((sub) => [sub.name, maybe(storedValue(sub))]),
      );
      return fc
        .record(subs)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case 'dateTime':
      return fc.constantFrom(at(1), at(2));
    case 'integer':
    case 'decimal':
      return fc.constantFrom(1, 2);
  }
}

function attributeValue(def: AttributeDef): fc.Arbitrary<unknown> {
  return def.multiValued ? fc.array(storedValue(def), { minLength: 1, maxLength: 2 }) : storedValue(def);
}

/** Optional values for the writable attributes of `attrs` (the edge, ids and meta are not in documents). */
function attributes(attrs: readonly AttributeDef[]) {
  const writable = attrs.filter((a) => a.mutability !== 'readOnly' && a.returned !== 'never');
  return fc
    .record(Object.fromEntries(writable.map((a) => [a.name, maybe(attributeValue(a))])))
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

const userDoc = (i: number) =>
  fc
    .record({
      core: attributes(USER_RESOURCE.schema.attributes),
      extension: maybe(attributes(USER_RESOURCE.extensions[0]?.schema.attributes ?? [])),
      userName: fc.constantFrom(`user${i}`, `USER${i}x`, `Ada${i}`, `ß${i}`),
      externalId: maybe(fc.constantFrom(`ext-${i}`, `EXT-${i}`)),
    })
    .map(({ core, extension, userName, externalId }): ResourceDoc => {
      // `active` comes with the core attributes, absent from some users (a PATCH can remove it).
      const doc: ResourceDoc = { ...core, userName, ...(externalId ? { externalId } : {}) };
      if (extension) doc[USER_RESOURCE.extensions[0]?.schema.id as string] = extension;
      return doc;
    });

const groupDoc = (i: number) =>
  fc
    .record({
      name: fc.constantFrom(`eng${i}`, `ENG${i}x`, `Ada ${i}`),
      externalId: maybe(fc.constant(`g-${i}`)),
    })
    .map(
      ({ name, externalId }): ResourceDoc => ({ displayName: name, ...(externalId ? { externalId } : {}) }),
    );

const sample = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { numRuns: 1, seed })[0] as T;

before(async () => {
  db = await freshDatabase();
  store = await openStore(db.database);
  await store.tenants.create(tenant, new Date().toISOString());
  const docs = sample(fc.tuple(...Array.from({ length: 50 }, (_, i) => userDoc(i))), 42);
  const groupDocs = sample(fc.tuple(...Array.from({ length: 30 }, (_, i) => groupDoc(i))), 43);
  const [users, groups] = await store.forTenant(tenant).transaction(async (tx) => {
    const insert = async (repo: typeof tx.users, all: ResourceDoc[], offset: number) => {
      const out: StoredResource[] = [];
      for (const [i, doc] of all.entries()) {
        const written = await repo.insert(randomUUID(), doc, at(offset + i));
        if (!written.ok) continue;
        // Some resources change once or twice: versions and lastModified then differ from created.
        let current = written.value;
        for (let n = 0; n < i % 3; n++) {
          const updated = await repo.update(current, doc, at(offset + 100 + i + n));
          if (updated.ok) current = updated.value;
        }
        out.push(current);
      }
      return out;
    };
    const users = await insert(tx.users, docs, 0);
    const groups = await insert(tx.groups, groupDocs, 200);
    // Memberships: users and groups in groups, a few groups empty.
    for (const [g, group] of groups.entries()) {
      const members = [
        ...users.filter((_, u) => (u + g) % 5 === 0).map((u) => ({ value: u.id, type: 'User' as const })),
        ...groups
          .filter((_, h) => h === g + 1 && g % 2 === 0)
          .map((h) => ({ value: h.id, type: 'Group' as const })),
      ];
      if (g % 4 !== 3) await tx.members.add(group.id, members);
    }
    return [users, groups];
  });
  const reads = store.forTenant(tenant);
  for (const [kind, stored] of [
    [USERS, users],
    [GROUPS, groups],
  ] as const) {
    // Re-read: adding members gives groups new versions.
    const fresh = await Promise.all(stored.map(async (s) => (await kind.reads(reads).get(s.id)) ?? s));
    const edges = await kind.edges(
      reads.members,
      fresh.map((s) => s.id),
      BASE,
    );
    fixture.set(
      kind,
      fresh.map((s) => ({ stored: s, view: renderResource(kind, s, edges.get(s.id), BASE) })),
    );
  }
  pools = {
    strings: [
      'User',
      'Group',
      'user',
      'direct',
      'W/"1"',
      'W/"2"',
      'W/"10"',
      'W/',
      'eng1',
      'ENG2X',
      'g-1',
      ...[...users.slice(0, 4), ...groups.slice(0, 4)].map((r) => r.id),
      ...[...users.slice(0, 2), ...groups.slice(0, 2)].map((r) => r.id.slice(0, 2)),
    ],
    dateTimes: [
      ...[...users.slice(0, 3), ...groups.slice(0, 3)].flatMap((r) => [r.created, r.lastModified]),
      at(30).replace('Z', '0001Z'),
      at(30).replace('T12', 'T13').replace('Z', '+01:00'),
      '2026-03-01T12:00:00Z',
      '2025-01-01T00:00:00Z',
      '2027-01-01T00:00:00.5-05:00',
    ],
  };
});

after(async () => {
  await store.close();
  await db.drop();
});

function resourcesOf(kind: ResourceKind) {
  const resources = fixture.get(kind);
  assert.ok(resources && resources.length >= 10, 'the fixture directory was created');
  return resources;
}

/** The ids the database returns for `filter`, or the 400 it refuses it with. */
async function sqlIds(kind: ResourceKind, filter: Filter): Promise<string[] | AppError> {
  try {
    const page = await kind
      .reads(store.forTenant(tenant))
      .list({ filter, sortBy: undefined, descending: false, offset: 0, count: 1000 });
    return page.items.map((r) => r.id).sort();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * What the README documents as refused: `meta.location` (it depends on the URL of the request), and on
 * the membership edge anything but `value eq "…"` and `pr`.
 */
function refused(kind: ResourceKind, filter: Filter, inValuePath = false): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return refused(kind, filter.left, inValuePath) || refused(kind, filter.right, inValuePath);
    case 'not':
      return refused(kind, filter.operand, inValuePath);
    case 'valuePath':
      return filter.path.attr.name === kind.edgeAttribute
        ? filter.where.kind !== 'compare' && filter.where.kind !== 'present'
          ? true
          : refused(kind, filter.where, true)
        : false;
    case 'present':
    case 'compare': {
      const { attr, sub, extension } = filter.path;
      if (extension) return false;
      if (attr.name === 'meta') return sub?.name === 'location';
      if (attr.name !== kind.edgeAttribute) return false;
      if (sub && sub.name !== 'value') return true;
      if (filter.kind === 'present') return false;
      if (filter.value === null) return inValuePath;
      return filter.op !== 'eq' || typeof filter.value !== 'string';
    }
  }
}

/** How many filters selected some but not all resources: a property that held vacuously would say 0. */
type Tally = { selective: number };

const mostlyRefused = (kind: ResourceKind) => (ref: AttrRef) =>
  !ref.extension && (ref.attr.name === kind.edgeAttribute || ref.sub?.name === 'location');

function agreesWithOracle(kind: ResourceKind, tally: Tally) {
  return async (filter: Filter) => {
    const actual = await sqlIds(kind, filter);
    if (refused(kind, filter)) {
      assert.ok(actual instanceof AppError && actual.code === 'invalidFilter', printFilter(filter));
      return;
    }
    const all = resourcesOf(kind);
    const expected = all
      .filter((r) => matchesFilter(filter, r.view))
      .map((r) => r.stored.id)
      .sort();
    assert.deepEqual(actual, expected, printFilter(filter));
    if (expected.length > 0 && expected.length < all.length) tally.selective++;
  };
}

/** Names a failing filter in filter syntax rather than as a dump of its attribute definitions. */
function report(details: fc.RunDetails<[Filter]>): void {
  if (!details.failed) return;
  const filter = details.counterexample?.[0];
  throw new Error(`${filter ? printFilter(filter) : '?'}: ${String(details.errorInstance)}`);
}

for (const [kind, runs] of [
  [USERS, 1500],
  [GROUPS, 600],
] as const) {
  describe(`${ENGINE}: ${kind.rt.endpoint}`, () => {
    test('returns exactly the resources the in-memory evaluator accepts, for filters on every attribute', async () => {
      const tally = { selective: 0 };
      await fc.assert(
        fc.asyncProperty(filterArbitrary(kind.rt, pools, mostlyRefused(kind)), agreesWithOracle(kind, tally)),
        {
          numRuns: runs,
          reporter: report,
        },
      );
      // Groups have few attributes besides meta, which is much the same for all: fewer tell them apart.
      assert.ok(tally.selective > runs / 20, `only ${tally.selective} filters told resources apart`);
    });

    test('printed filters parse back to filters with the same answer', async () => {
      await fc.assert(
        fc.asyncProperty(filterArbitrary(kind.rt, pools), async (filter) => {
          const reparsed = parseFilter(kind.rt, printFilter(filter));
          assert.deepEqual(await sqlIds(kind, reparsed), await sqlIds(kind, filter));
        }),
        { numRuns: 200, reporter: report },
      );
    });
  });
}

test('co, sw and ew match %, _ and \\ literally', async () => {
  const users = resourcesOf(USERS);
  for (const [op, value] of [
    ['co', '%'],
    ['co', '_'],
    ['co', '\\'],
    ['sw', '1'],
    ['ew', '%'],
  ] as const) {
    const filter = parseFilter(USER_RESOURCE, `title ${op} ${JSON.stringify(value)}`);
    const expected = users
      .filter((u) => matchesFilter(filter, u.view))
      .map((u) => u.stored.id)
      .sort();
    assert.ok(expected.length > 0 || op === 'sw', `${op} ${value} matches some title`);
    assert.deepEqual(await sqlIds(USERS, filter), expected);
    for (const id of expected) {
      const title = String(users.find((u) => u.stored.id === id)?.view.title);
      assert.ok(title.includes(value), `${title} should literally contain ${value}`);
    }
  }
});
