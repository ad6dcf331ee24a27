import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { openStore } from '../../src/compose.ts';
import type { Position } from '../../src/scim/list/cursor.ts';
import { resolveAttrPath, USER_RESOURCE } from '../../src/scim/schema/resource-type.ts';
import type { ResourceDoc, Store, TenantId } from '../../src/store/port.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';

// A cursor walk is a keyset walk: whatever other users are inserted, deleted or updated while it runs
// (between its pages, and while a page is being read), every user that exists unchanged for the whole
// walk is returned exactly once. The runner runs this file once per engine.

let store: Store;
let db: TestDatabase;
let run = 0;

before(async () => {
  db = await freshDatabase();
  store = await openStore(db.database);
});

after(async () => {
  await store.close();
  await db.drop();
});

// Few values, so sort keys tie (title folds case: 'B' and 'b' are one key) and some users have none.
const title = fc.option(fc.constantFrom('a', 'B', 'b', 'c'), { nil: undefined });
const email = fc.option(fc.constantFrom('x@example.com', 'Y@example.com', 'y@example.com'), {
  nil: undefined,
});
const profile = fc.record({ title, email });
type Profile = { title: string | undefined; email: string | undefined };

const write = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), profile }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(), profile }),
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

const docOf = (userName: string, p: Profile): ResourceDoc => ({
  userName,
  ...(p.title ? { title: p.title } : {}),
  ...(p.email ? { emails: [{ value: p.email }] } : {}),
});

describe(`a cursor walk under concurrent writes (${ENGINE})`, () => {
  test('sees each user that stayed unchanged exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(profile, { minLength: 1, maxLength: 10 }),
        fc.array(profile, { maxLength: 10 }),
        fc.constantFrom(undefined, 'title', 'userName', 'emails'),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(write, { maxLength: 3 }), { maxLength: 15 }),
        async (stableProfiles, otherProfiles, sortBy, descending, count, writes) => {
          const tenant = `walk-${run++}` as TenantId;
          const now = () => new Date().toISOString();
          await store.tenants.create(tenant, now());
          const handle = store.forTenant(tenant);
          const insert = async (userName: string, p: Profile) => {
            const id = randomUUID();
            const written = await handle.transaction((tx) => tx.users.insert(id, docOf(userName, p), now()));
            assert.ok(written.ok);
            return id;
          };
          // Interleaved, so the others stand before, between and after the stable users.
          const stable: string[] = [];
          const others: string[] = [];
          for (let i = 0; i < Math.max(stableProfiles.length, otherProfiles.length); i++) {
            const s = stableProfiles[i];
            const o = otherProfiles[i];
            if (s) stable.push(await insert(`stable${i}`, s));
            if (o) others.push(await insert(`other${i}`, o));
          }
          let n = 0;
          const apply = async (batch: readonly Write[]) => {
            for (const w of batch) {
              if (w.op === 'insert') {
                others.push(await insert(`late${n++}`, w.profile));
                continue;
              }
              if (others.length === 0) continue;
              const id = others[w.pick % others.length] as string;
              if (w.op === 'delete') {
                others.splice(others.indexOf(id), 1);
                await handle.transaction((tx) => tx.users.delete(id, now()));
              } else {
                await handle.transaction(async (tx) => {
                  const current = await tx.users.get(id);
                  assert.ok(current);
                  assert.ok((await tx.users.update(current, docOf(`moved${n++}`, w.profile), now())).ok);
                });
              }
            }
          };
          const sortRef = sortBy === undefined ? undefined : resolveAttrPath(USER_RESOURCE, sortBy);
          const binding = { tenant, resourceType: 'User', filter: undefined, sortBy, descending };
          const seen: string[] = [];
          let position: Position | undefined;
          for (let page = 0; ; page++) {
            assert.ok(page < 200, 'the walk ends');
            const [listed] = await Promise.all([
              handle.users.list({
                filter: undefined,
                sortBy: sortRef,
                descending,
                paging: { by: 'cursor', after: position, binding },
                count,
              }),
              apply(writes[page] ?? []),
            ]);
            seen.push(...listed.items.map((r) => r.id));
            if (!listed.next) break;
            position = listed.next;
          }
          for (const id of stable) assert.equal(seen.filter((s) => s === id).length, 1, `stable user ${id}`);
          await store.tenants.delete(tenant);
        },
      ),
      { numRuns: 40 },
    );
  });
});
