import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/compose.ts';
import { parseFilter } from '../../src/scim/filter/parse-filter.ts';
import { USER_RESOURCE as USER } from '../../src/scim/schema/resource-type.ts';
import type { ResourceDoc, Store, TenantId, TenantStore } from '../../src/store/port.ts';
import { ENGINE, freshDatabase, type TestDatabase } from '../support/databases.ts';

// The storage port's promises, checked on the adapter under test (the runner runs this file once per
// engine). The HTTP suites cover the same ground end to end; these pin down what each adapter owes.

let db: TestDatabase;
let store: Store;
const now = () => new Date().toISOString();
const A = 'contract-a' as TenantId;
const B = 'contract-b' as TenantId;

before(async () => {
  db = await freshDatabase();
  store = await openStore(db.database);
  await store.tenants.create(A, now());
  await store.tenants.create(B, now());
});

after(async () => {
  await store.close();
  await db.drop();
});

async function insertUser(tenant: TenantStore, doc: ResourceDoc) {
  return tenant.transaction((tx) => tx.users.insert(randomUUID(), doc, now()));
}

async function newGroup(tenant: TenantStore, displayName: string) {
  const written = await tenant.transaction((tx) => tx.groups.insert(randomUUID(), { displayName }, now()));
  assert.ok(written.ok);
  return written.value;
}

describe(`store contract on ${ENGINE}`, () => {
  test('a userName is unique per tenant whatever its case; another tenant may reuse it', async () => {
    const a = store.forTenant(A);
    assert.ok((await insertUser(a, { userName: 'Case.Fold@Example.com' })).ok);
    assert.deepEqual(await insertUser(a, { userName: 'case.fold@EXAMPLE.COM' }), {
      ok: false,
      conflict: 'userName',
    });
    assert.ok((await insertUser(store.forTenant(B), { userName: 'case.fold@example.com' })).ok);
  });

  test('an externalId is plain data: two users may share one, and both are found by it', async () => {
    const a = store.forTenant(A);
    const first = await insertUser(a, { userName: 'ext1', externalId: 'E-1' });
    const second = await insertUser(a, { userName: 'ext2', externalId: 'E-1' });
    assert.ok(first.ok && second.ok);
    const other = await insertUser(a, { userName: 'ext3', externalId: 'E-3' });
    assert.ok(other.ok);
    const moved = await a.transaction((tx) =>
      tx.users.update(other.value, { userName: 'ext3', externalId: 'E-1' }, now()),
    );
    assert.ok(moved.ok);
    const filter = parseFilter(USER, 'externalId eq "E-1"');
    const found = await a.users.list({
      filter,
      sortBy: undefined,
      descending: false,
      paging: { by: 'index', offset: 0 },
      count: 10,
    });
    assert.deepEqual(
      found.items.map((r) => r.doc.userName),
      ['ext1', 'ext2', 'ext3'],
    );
  });

  test('the cursor key is one per database: every store opened on it reads the same random key', async () => {
    const other = await openStore(db.database);
    try {
      const key = await store.cursorKey();
      assert.match(key, /^[0-9a-f]{64}$/);
      assert.equal(await other.cursorKey(), key);
    } finally {
      await other.close();
    }
    const fresh = await freshDatabase();
    const elsewhere = await openStore(fresh.database);
    try {
      assert.notEqual(await elsewhere.cursorKey(), await store.cursorKey());
    } finally {
      await elsewhere.close();
      await fresh.drop();
    }
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const a = store.forTenant(A);
    const id = randomUUID();
    await assert.rejects(
      a.transaction(async (tx) => {
        await tx.users.insert(id, { userName: 'rolled-back' }, now());
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await a.users.get(id), undefined);
    const page = await a.users.list({
      filter: undefined,
      sortBy: undefined,
      descending: false,
      paging: { by: 'index', offset: 0 },
      count: 1000,
    });
    assert.ok(!page.items.some((u) => u.doc.userName === 'rolled-back'));
  });

  test('update bumps the version by one and keeps created', async () => {
    const a = store.forTenant(A);
    const written = await insertUser(a, { userName: 'versioned' });
    assert.ok(written.ok);
    const updated = await a.transaction((tx) =>
      tx.users.update(written.value, { userName: 'versioned', title: 'x' }, now()),
    );
    assert.ok(updated.ok);
    const read = await a.users.get(written.value.id);
    assert.equal(read?.version, 2);
    assert.equal(read?.created, written.value.created);
    assert.equal(read?.doc.title, 'x');
  });

  test('concurrent read-modify-write transactions on one resource lose nothing', async () => {
    const a = store.forTenant(A);
    const written = await insertUser(a, { userName: 'contended' });
    assert.ok(written.ok);
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    await Promise.all(
      keys.map((key) =>
        a.transaction(async (tx) => {
          const current = await tx.users.get(written.value.id);
          assert.ok(current);
          const attrs = { ...((current.doc.attrs as Record<string, boolean>) ?? {}), [key]: true };
          return tx.users.update(current, { ...current.doc, attrs }, now());
        }),
      ),
    );
    const read = await a.users.get(written.value.id);
    assert.deepEqual(Object.keys(read?.doc.attrs as object).sort(), [...keys].sort());
    assert.equal(read?.version, 1 + keys.length);
  });

  test('member edges: add is idempotent, remove counts, and deleting a member bumps its groups', async () => {
    const a = store.forTenant(A);
    const user = await insertUser(a, { userName: 'member' });
    assert.ok(user.ok);
    const group = await newGroup(a, 'Edges');
    const edge = [{ value: user.value.id, type: 'User' as const }];
    assert.equal(await a.transaction((tx) => tx.members.add(group.id, edge)), 1);
    assert.equal(await a.transaction((tx) => tx.members.add(group.id, edge)), 0);
    assert.deepEqual(
      (await a.members.list(group.id)).map((m) => [m.value, m.type, m.display]),
      [[user.value.id, 'User', 'member']],
    );
    assert.deepEqual((await a.members.groupsOf([user.value.id])).get(user.value.id), [
      { value: group.id, display: 'Edges' },
    ]);
    assert.equal(await a.transaction((tx) => tx.users.delete(user.value.id, now())), true);
    assert.deepEqual(await a.members.list(group.id), []);
    assert.equal((await a.groups.get(group.id))?.version, group.version + 1);
    assert.equal(await a.transaction((tx) => tx.members.remove(group.id, [user.value.id])), 0);
  });

  test('resolve finds only this tenant’s users and groups', async () => {
    const a = store.forTenant(A);
    const b = store.forTenant(B);
    const mine = await insertUser(a, { userName: 'resolve-mine' });
    const theirs = await insertUser(b, { userName: 'resolve-theirs' });
    assert.ok(mine.ok && theirs.ok);
    const group = await newGroup(a, 'Resolve');
    const types = await a.transaction((tx) =>
      tx.members.resolve([mine.value.id, theirs.value.id, group.id, 'nope']),
    );
    assert.deepEqual(
      [...types].sort(),
      [
        [group.id, 'Group'],
        [mine.value.id, 'User'],
      ].sort(),
    );
  });

  test('one tenant’s handle never reads another’s rows', async () => {
    const theirs = await insertUser(store.forTenant(B), { userName: 'private@b.example' });
    assert.ok(theirs.ok);
    const a = store.forTenant(A);
    assert.equal(await a.users.get(theirs.value.id), undefined);
    const all = await a.users.list({
      filter: undefined,
      sortBy: undefined,
      descending: false,
      paging: { by: 'index', offset: 0 },
      count: 1000,
    });
    assert.ok(!all.items.some((u) => u.id === theirs.value.id));
    assert.equal(await a.transaction((tx) => tx.users.delete(theirs.value.id, now())), false);
    assert.ok(await store.forTenant(B).users.get(theirs.value.id));
  });

  test('an unfiltered total is the live count, after inserts and deletes', async () => {
    const t = 'contract-count' as TenantId;
    await store.tenants.create(t, now());
    const c = store.forTenant(t);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const w = await insertUser(c, { userName: `count${n}` });
      assert.ok(w.ok);
      ids.push(w.value.id);
    }
    await c.transaction((tx) => tx.users.delete(ids[0] as string, now()));
    const page = await c.users.list({
      filter: undefined,
      sortBy: undefined,
      descending: false,
      paging: { by: 'index', offset: 0 },
      count: 1,
    });
    assert.equal(page.total, 2);
    assert.equal(page.items.length, 1);
  });

  test('tokens are found only under their own tenant, and not once revoked', async () => {
    const record = { id: randomUUID(), tenant: A, name: 'contract', prefix: 'scim_abc', createdAt: now() };
    await store.forTenant(A).tokens.create(record, 'hash-contract');
    assert.equal((await store.forTenant(A).tokens.findByHash('hash-contract'))?.id, record.id);
    assert.equal(await store.forTenant(B).tokens.findByHash('hash-contract'), undefined);
    await store.forTenant(A).tokens.touch(record.id, now(), '127.0.0.1');
    const listed = (await store.forTenant(A).tokens.list()).find((t) => t.id === record.id);
    assert.ok(listed?.lastUsedAt);
    assert.equal(listed?.lastIp, '127.0.0.1');
    assert.deepEqual(
      await store.forTenant(B).tokens.revoke('contract', now()),
      [],
      'not under another tenant',
    );
    assert.deepEqual(await store.forTenant(A).tokens.revoke('contract', now()), [record.id]);
    assert.equal(await store.forTenant(A).tokens.findByHash('hash-contract'), undefined);
    assert.deepEqual(await store.forTenant(A).tokens.revoke('contract', now()), [], 'revoked already');
  });

  test('a transaction commits a credential change with its audit entries, or neither', async () => {
    const tenant = store.forTenant(A);
    const last = (await tenant.audit.list(0, 100_000)).at(-1)?.seq ?? 0;
    const token = (name: string) => ({
      id: randomUUID(),
      tenant: A,
      name,
      prefix: 'scim_tx',
      createdAt: now(),
    });
    const created = (id: string) =>
      ({
        at: now(),
        actor: { kind: 'cli', id: 'root', name: 'cli:root' },
        action: 'create',
        resourceType: 'Token',
        resourceId: id,
        version: undefined,
      }) as const;
    const kept = token('tx-kept');
    await tenant.transaction(async (tx) => {
      await tx.tokens.create(kept, 'hash-tx-kept');
      await tx.audit.append(created(kept.id));
    });
    const lost = token('tx-lost');
    const key = { tenant: A, kid: 'tx-lost', algorithm: 'HS256', secret: 'c2VjcmV0', createdAt: now() };
    await assert.rejects(
      tenant.transaction(async (tx) => {
        await tx.tokens.create(lost, 'hash-tx-lost');
        // A multi-statement step of its own joins the transaction and is undone with it.
        await tx.signingKeys.add(key, true);
        await tx.audit.append(created(lost.id));
        throw new Error('after the change');
      }),
      /after the change/,
    );
    assert.equal((await store.forTenant(A).tokens.findByHash('hash-tx-kept'))?.id, kept.id);
    assert.equal(await store.forTenant(A).tokens.findByHash('hash-tx-lost'), undefined);
    assert.equal(await store.forTenant(A).signingKeys.get('tx-lost'), undefined);
    assert.deepEqual(
      (await tenant.audit.list(last, 100)).map((e) => [e.seq, e.resourceId, e.version]),
      [[last + 1, kept.id, undefined]],
    );
  });

  test('deleting a tenant deletes its data and nothing else', async () => {
    const t = 'contract-gone' as TenantId;
    await store.tenants.create(t, now());
    const w = await insertUser(store.forTenant(t), { userName: 'gone' });
    assert.ok(w.ok);
    assert.equal(await store.tenants.delete(t), true);
    assert.equal(await store.tenants.get(t), undefined);
    assert.equal(await store.forTenant(t).users.get(w.value.id), undefined);
    assert.ok((await store.tenants.list()).some((x) => x.id === A));
  });

  test("a tenant's policy document: {} until set, per tenant, exactly as set, only when the transaction commits", async () => {
    const a = store.forTenant(A);
    assert.deepEqual(await a.policy.get(), {});
    const policy = {
      roles: { attribute: 'userType', allowed: ['Admin', 'Gäst'], default: 'Admin' },
      n: [1, 2.5],
    };
    assert.equal(await a.transaction((tx) => tx.policy.set(policy)), true);
    assert.deepEqual(await a.policy.get(), policy);
    assert.deepEqual(await store.forTenant(B).policy.get(), {}, 'another tenant keeps its own');
    await assert.rejects(
      a.transaction(async (tx) => {
        await tx.policy.set({});
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual(await a.policy.get(), policy);
    const none = store.forTenant('contract-none' as TenantId);
    assert.equal(await none.policy.get(), undefined);
    assert.equal(await none.transaction((tx) => tx.policy.set({})), false);
    assert.equal(await a.transaction((tx) => tx.policy.set({})), true);
  });
});
