import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { openStore } from '../../src/compose.ts';
import type { Store, StoredResource, TenantId } from '../../src/store/port.ts';
import { freshPostgresDatabase, type TestDatabase } from '../support/databases.ts';

// A deadlock (40P01) must be retried inside the store, never surface as an error. Two transactions
// lock two users in opposite orders, each waiting until the other holds its first lock, so PostgreSQL
// must pick a victim; on the rerun the barrier is already open and both commit.

let db: TestDatabase;
let store: Store;
const tenant = 'deadlock' as TenantId;

before(async () => {
  db = await freshPostgresDatabase();
  store = await openStore(db.database);
  await store.tenants.create(tenant, new Date().toISOString());
});

after(async () => {
  await store.close();
  await db.drop();
});

function barrier(parties: number) {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    if (++arrived >= parties) open();
    return opened;
  };
}

test('opposite lock orders deadlock once, are retried, and both transactions commit', async () => {
  const t = store.forTenant(tenant);
  const now = new Date().toISOString();
  const [a, b] = await t.transaction(async (tx) => {
    const made: StoredResource[] = [];
    for (const userName of ['first', 'second']) {
      const written = await tx.users.insert(randomUUID(), { userName }, now);
      assert.ok(written.ok);
      made.push(written.value);
    }
    return made as [StoredResource, StoredResource];
  });
  const bothHoldOne = barrier(2);
  let attempts = 0;
  const touch = (mine: StoredResource, theirs: StoredResource, title: string) =>
    t.transaction(async (tx) => {
      attempts++;
      const first = await tx.users.get(mine.id);
      await bothHoldOne();
      const second = await tx.users.get(theirs.id);
      assert.ok(first && second);
      await tx.users.update(first, { ...first.doc, title }, now);
      await tx.users.update(second, { ...second.doc, nickName: title }, now);
    });
  await Promise.all([touch(a, b, 'one'), touch(b, a, 'two')]);
  assert.equal(attempts, 3, 'one of the two ran twice');
  const [readA, readB] = [await t.users.get(a.id), await t.users.get(b.id)];
  assert.equal(readA?.version, 3);
  assert.equal(readB?.version, 3);
  assert.ok(readA?.doc.title && readA.doc.nickName);
  assert.ok(readB?.doc.title && readB.doc.nickName);
});
