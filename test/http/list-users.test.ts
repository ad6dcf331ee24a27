import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectScimError, oktaUser } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const t = useServer(async ({ scim }) => {
  for (let i = 0; i < 25; i++) {
    const title = i % 2 === 0 ? 'Engineer' : 'Manager';
    const res = await scim.post(
      '/Users',
      oktaUser(`user${String(i).padStart(2, '0')}@example.com`, { title, active: i % 5 !== 0 }),
    );
    assert.equal(res.status, 201);
  }
});
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('GET /Users lists and filters', () => {
  test("Okta's connection test: startIndex=1&count=2 gives a ListResponse with integer paging numbers", async () => {
    const res = await t.scim.get('/Users?startIndex=1&count=2');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.schemas, [LIST]);
    assert.equal(res.body.totalResults, 25);
    assert.equal(res.body.startIndex, 1);
    assert.equal(res.body.itemsPerPage, 2);
    assert.equal(res.body.Resources.length, 2);
  });

  test('userName eq ignores case, with %20 or + in the query string', async () => {
    for (const query of [
      'filter=userName%20eq%20%22USER03%40example.com%22',
      'filter=userName+eq+%22User03%40Example.com%22',
    ]) {
      const res = await t.scim.get(`/Users?${query}&startIndex=1&count=100`);
      assert.equal(res.body.totalResults, 1, query);
      assert.equal(res.body.Resources[0].userName, 'user03@example.com');
    }
  });

  test('a filter that matches nothing is 200 with an empty list (Entra quarantines on 404)', async () => {
    const res = await t.scim.get('/Users?filter=userName eq "6c1a0cf5-2d7e-4d6c-9a5e-8f0f0b1e2a11"');
    assert.equal(res.status, 200);
    assert.equal(res.body.totalResults, 0);
    assert.deepEqual(res.body.Resources, []);
  });

  test('inactive users still match filters', async () => {
    const res = await t.scim.get('/Users?filter=active eq false');
    assert.equal(res.body.totalResults, 5);
    const one = await t.scim.get('/Users?filter=userName eq "user05@example.com"');
    assert.equal(one.body.Resources[0].active, false);
  });

  test('pages are stable, distinct and complete; startIndex is echoed', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 25; start += 10) {
      const res = await t.scim.get(`/Users?startIndex=${start}&count=10`);
      assert.equal(res.body.startIndex, start);
      seen.push(...res.body.Resources.map((u: { id: string }) => u.id));
    }
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen).size, 25);
  });

  test('count is clamped to the maximum, startIndex below 1 means 1, count=0 gives only the total', async () => {
    const big = await t.scim.get('/Users?count=100000');
    assert.equal(big.body.itemsPerPage, 25);
    const low = await t.scim.get('/Users?startIndex=-4&count=1');
    assert.equal(low.body.startIndex, 1);
    const zero = await t.scim.get('/Users?count=0');
    assert.equal(zero.body.totalResults, 25);
    assert.deepEqual(zero.body.Resources, []);
  });

  test('sortBy and sortOrder order the results', async () => {
    const desc = await t.scim.get('/Users?sortBy=userName&sortOrder=descending&count=3');
    assert.deepEqual(
      desc.body.Resources.map((u: { userName: string }) => u.userName),
      ['user24@example.com', 'user23@example.com', 'user22@example.com'],
    );
    const byTitle = await t.scim.get('/Users?sortBy=title&count=25');
    const titles = byTitle.body.Resources.map((u: { title: string }) => u.title);
    assert.deepEqual(titles, [...titles].sort());
  });

  test('filters combine with and/or/not and value paths', async () => {
    const res = await t.scim.get(
      '/Users?filter=' +
        encodeURIComponent(
          'title eq "Engineer" and not (active eq false) and emails[type eq "work" and value ew "@example.com"]',
        ),
    );
    assert.equal(res.body.totalResults, 13 - 3);
  });

  test('attributes apply to every listed resource', async () => {
    const res = await t.scim.get('/Users?attributes=userName&count=3');
    for (const user of res.body.Resources)
      assert.deepEqual(Object.keys(user).sort(), ['id', 'schemas', 'userName']);
  });

  test('bad filters are 400 invalidFilter, never a wider answer', async () => {
    for (const filter of [
      'userName eq',
      'userName xx "a"',
      'nope eq "a"',
      '(userName eq "a"',
      'userName eq "a" garbage',
      'a'.repeat(5000),
    ]) {
      expectScimError(await t.scim.get(`/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
  });

  test('bad paging or sorting values are 400', async () => {
    expectScimError(await t.scim.get('/Users?count=ten'), 400, 'invalidValue');
    expectScimError(await t.scim.get('/Users?sortBy=nonsense'), 400, 'invalidValue');
    expectScimError(await t.scim.get('/Users?sortOrder=sideways'), 400, 'invalidValue');
  });

  test('POST /Users/.search takes the same query in a SearchRequest body', async () => {
    const res = await t.scim.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'title eq "Manager"',
      attributes: ['userName'],
      startIndex: 1,
      count: 5,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.totalResults, 12);
    assert.equal(res.body.Resources.length, 5);
    assert.deepEqual(Object.keys(res.body.Resources[0]).sort(), ['id', 'schemas', 'userName']);
  });
});
