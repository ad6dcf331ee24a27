// RFC 9865 cursor pagination on /Users, /Groups and their /.search, through HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/compose.ts';
import { CURSOR_TIMEOUT_SECONDS, sealCursor } from '../../src/scim/list/cursor.ts';
import { expectScimError, GROUP, oktaUser, type scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

type Client = ReturnType<typeof scimClient>;
type Listed = { id: string; userName?: string; title?: string };

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const USERS = 25;

// Every third user has no title, so sorting by title walks over rows without a sort key too.
const t = useServer(async ({ scim }) => {
  for (let i = 0; i < USERS; i++) {
    const title = i % 3 === 0 ? undefined : ['Engineer', 'Manager', 'Analyst'][i % 4 === 0 ? 0 : i % 2];
    const res = await scim.post(
      '/Users',
      oktaUser(`walk${String(i).padStart(2, '0')}@example.com`, { title }),
    );
    assert.equal(res.status, 201);
  }
  for (let i = 0; i < 5; i++) {
    assert.equal((await scim.post('/Groups', { schemas: [GROUP], displayName: `Walk ${i}` })).status, 201);
  }
});

/** Follows nextCursor from `cursor=` to the end; every page must give the same totalResults. */
async function walk(scim: Client, path: string, query = ''): Promise<Listed[]> {
  const seen: Listed[] = [];
  let cursor = '';
  let total: number | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const res = await scim.get(`${path}?cursor=${encodeURIComponent(cursor)}&count=4${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.startIndex, undefined, 'a cursor page has no startIndex');
    total ??= res.body.totalResults;
    assert.equal(res.body.totalResults, total);
    assert.equal(res.body.itemsPerPage, res.body.Resources.length);
    seen.push(...res.body.Resources);
    if (res.body.nextCursor === undefined) return seen;
    assert.equal(res.body.Resources.length, 4, 'only the last page is short');
    cursor = res.body.nextCursor;
  }
  throw new Error('the walk did not end');
}

const ids = (list: Listed[]) => list.map((r) => r.id);

describe('cursor pagination (RFC 9865)', () => {
  test('ServiceProviderConfig states both methods and their limits', async () => {
    const spc = (await t.scim.get('/ServiceProviderConfig')).body;
    assert.deepEqual(spc.pagination, {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 100,
      maxPageSize: 1000,
      cursorTimeout: CURSOR_TIMEOUT_SECONDS,
    });
  });

  test('a walk from cursor= sees every user once, in the order of an index list, and ends without nextCursor', async () => {
    const byIndex = (await t.scim.get('/Users?count=100')).body.Resources as Listed[];
    const walked = await walk(t.scim, '/Users');
    assert.equal(walked.length, USERS);
    assert.deepEqual(ids(walked), ids(byIndex));
  });

  test('a sorted walk, either way, keeps the sort and its ties, users without a title included', async () => {
    for (const sortOrder of ['ascending', 'descending']) {
      const query = `&sortBy=title&sortOrder=${sortOrder}`;
      const byIndex = (await t.scim.get(`/Users?count=100${query}`)).body.Resources as Listed[];
      const walked = await walk(t.scim, '/Users', query);
      assert.deepEqual(ids(walked), ids(byIndex), sortOrder);
      assert.equal(new Set(ids(walked)).size, USERS);
    }
  });

  test('a filtered walk counts the filter and pages within it', async () => {
    const filter = `&filter=${encodeURIComponent('title eq "Manager"')}`;
    const byIndex = (await t.scim.get(`/Users?count=100${filter}`)).body;
    const walked = await walk(t.scim, '/Users', filter);
    assert.ok(byIndex.totalResults > 4);
    assert.deepEqual(ids(walked), ids(byIndex.Resources));
  });

  test('Groups page by cursor too', async () => {
    const walked = await walk(t.scim, '/Groups');
    assert.equal(walked.length, 5);
  });

  test('POST /.search takes cursor in its body', async () => {
    const search = (cursor: string) =>
      t.scim.post('/Users/.search', { schemas: [SEARCH], cursor, count: 20, attributes: ['userName'] });
    const first = await search('');
    assert.equal(first.status, 200);
    assert.equal(first.body.Resources.length, 20);
    const second = await search(first.body.nextCursor);
    assert.equal(second.body.Resources.length, USERS - 20);
    assert.equal(second.body.nextCursor, undefined);
    const all = [...first.body.Resources, ...second.body.Resources].map((u: Listed) => u.id);
    assert.equal(new Set(all).size, USERS);
  });

  test('count=0 gives the total alone', async () => {
    const res = await t.scim.get('/Users?cursor=&count=0');
    assert.deepEqual(
      [res.body.totalResults, res.body.Resources.length, res.body.nextCursor],
      [USERS, 0, undefined],
    );
  });

  test('inserts and deletes during a walk never repeat or skip a user that stayed', async () => {
    const base = await walk(t.scim, '/Users');
    const stable = new Set(ids(base).filter((_, i) => i % 2 === 0));
    const doomed = ids(base).filter((id) => !stable.has(id));
    const seen: string[] = [];
    let cursor = '';
    let round = 0;
    do {
      const res = await t.scim.get(`/Users?cursor=${encodeURIComponent(cursor)}&count=3`);
      seen.push(...ids(res.body.Resources));
      // Between pages: delete users both behind and ahead of the walk, and add new ones.
      const gone = doomed.splice(0, 2);
      for (const id of gone) assert.equal((await t.scim.delete(`/Users/${id}`)).status, 204);
      assert.equal((await t.scim.post('/Users', oktaUser(`late${round++}@example.com`))).status, 201);
      cursor = res.body.nextCursor;
    } while (cursor !== undefined);
    for (const id of stable) assert.equal(seen.filter((s) => s === id).length, 1, id);
    assert.equal(new Set(seen).size, seen.length, 'no user twice');
  });
});

describe('cursor errors', () => {
  async function firstCursor(path: string, query = '') {
    const res = await t.scim.get(`${path}?cursor=&count=2${query}`);
    assert.ok(res.body.nextCursor);
    return res.body.nextCursor as string;
  }

  test('a garbage, altered or truncated cursor is 400 invalidCursor', async () => {
    const good = await firstCursor('/Users');
    const [payload, mac] = good.split('.') as [string, string];
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/\d+\]/, '0]')).toString(
      'base64url',
    );
    for (const bad of ['garbage', `${forged}.${mac}`, payload, `${good}.x`, `${payload}.${mac.slice(1)}`]) {
      expectScimError(await t.scim.get(`/Users?cursor=${encodeURIComponent(bad)}`), 400, 'invalidCursor');
    }
  });

  test('a cursor of another resource type, filter, sort or tenant is 400 invalidCursor', async () => {
    const cursor = encodeURIComponent(await firstCursor('/Users'));
    expectScimError(await t.scim.get(`/Groups?cursor=${cursor}`), 400, 'invalidCursor');
    expectScimError(await t.scim.get(`/Users?cursor=${cursor}&sortBy=userName`), 400, 'invalidCursor');
    expectScimError(await t.scim.get(`/Users?cursor=${cursor}&sortOrder=descending`), 400, 'invalidCursor');
    const filter = encodeURIComponent('title pr');
    expectScimError(await t.scim.get(`/Users?cursor=${cursor}&filter=${filter}`), 400, 'invalidCursor');
    const other = await t.server.tenant('cursor-other');
    const res = await fetch(`${other.base}/Users?cursor=${cursor}`, {
      headers: { Authorization: `Bearer ${other.token}` },
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { scimType: string }).scimType, 'invalidCursor');
  });

  test('a cursor older than cursorTimeout is 400 expiredCursor', async () => {
    const store = await openStore(t.server.database);
    try {
      const key = await store.cursorKey();
      const binding = {
        tenant: 'acme',
        resourceType: 'User',
        filter: undefined,
        sortBy: undefined,
        descending: false,
      };
      const issued = (seconds: number) => new Date(Date.now() - seconds * 1000);
      const old = sealCursor(key, issued(CURSOR_TIMEOUT_SECONDS + 5), { sorted: false, seq: 0 }, binding);
      expectScimError(await t.scim.get(`/Users?cursor=${encodeURIComponent(old)}`), 400, 'expiredCursor');
      // The same key and binding within the timeout is good: the refusal was the age alone.
      const fresh = sealCursor(key, issued(60), { sorted: false, seq: 0 }, binding);
      assert.equal((await t.scim.get(`/Users?cursor=${encodeURIComponent(fresh)}&count=1`)).status, 200);
    } finally {
      await store.close();
    }
  });

  test('cursor with startIndex is 400; a bad count with a cursor is 400 invalidCount', async () => {
    expectScimError(await t.scim.get('/Users?cursor=&startIndex=1'), 400, 'invalidValue');
    expectScimError(await t.scim.get('/Users?cursor=&count=-1'), 400, 'invalidCount');
    expectScimError(await t.scim.get('/Users?cursor=&count=many'), 400, 'invalidCount');
  });

  test('root search pages by index only: a cursor there is 400 invalidCursor', async () => {
    const res = await t.scim.post('/.search', { schemas: [SEARCH], cursor: '' });
    expectScimError(res, 400, 'invalidCursor');
  });
});
