import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { expectScimError, type ScimResponse, scimClient, scimRequest } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const PASSWORD = 'a long enough password';

// One request every 20 s after a burst of 5: however slow the machine, the bucket does not refill mid-test.
const limited = useServer(undefined, { rateLimitPerSecond: 0.05, rateLimitBurst: 5 });

function retryAfter(res: ScimResponse): number {
  const value = res.headers.get('retry-after') ?? '';
  assert.match(value, /^[1-9]\d*$/, `Retry-After is a whole number of seconds: '${value}'`);
  return Number(value);
}

describe('per-tenant request rate limit', () => {
  test('a tenant over its limit gets 429 with a SCIM error and Retry-After; another tenant does not notice', async () => {
    const { server, scim } = limited;
    const initech = await server.tenant('initech');
    const statuses: number[] = [];
    let last: ScimResponse | undefined;
    for (let i = 0; i < 7; i++) {
      last = await scim.get('/Users');
      statuses.push(last.status);
    }
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200], 'the burst goes through');
    assert.equal(statuses.at(-1), 429);
    expectScimError(last as ScimResponse, 429);
    assert.ok(retryAfter(last as ScimResponse) <= 20, 'until one token has refilled');
    assert.equal(
      (await scimClient(initech.base, initech.token).get('/Users')).status,
      200,
      'initech unaffected',
    );
  });

  test('each operation of a bulk request counts: a bulk is served whole, then the tenant waits it off', async () => {
    const hooli = await limited.server.tenant('hooli');
    const client = scimClient(hooli.base, hooli.token);
    const remove = (i: number) => ({ method: 'DELETE', path: `/Users/missing-${i}` });
    const bulk = await client.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: Array.from({ length: 8 }, (_, i) => remove(i)),
    });
    assert.equal(bulk.status, 200, 'more operations than the burst still run, once let in');
    assert.equal(bulk.body.Operations.length, 8);
    const next = await client.get('/Users');
    expectScimError(next, 429);
    // 8 tokens spent from a burst of 5: 3 owed plus the 1 the next request needs, at 0.05/s.
    assert.ok(retryAfter(next) > 20, `the debt is waited off: Retry-After ${retryAfter(next)}`);
  });

  test("strangers' bad credentials do not spend a tenant's budget", async () => {
    const globex = await limited.server.tenant('globex');
    for (let i = 0; i < 8; i++)
      expectScimError(await scimRequest(`${globex.base}/Users`, 'scim_bad', 'GET'), 401);
    assert.equal((await scimRequest(`${globex.base}/Users`, globex.token, 'GET')).status, 200);
  });
});

const guarded = useServer(undefined, { failedLoginsPerAccount: 3, failedLoginsPerIp: 6 });

async function get(base: string, authorization: string): Promise<ScimResponse> {
  return scimRequest(`${base}/Users`, '', 'GET', undefined, { Authorization: authorization });
}

describe('failed sign-in throttling', () => {
  test('an address over its failure budget on one tenant: its guesses wait, valid tokens of that tenant and every other are served', async () => {
    const { server } = guarded;
    const a = await server.tenant('guessed');
    const b = await server.tenant('neighbour');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(a.base, `Bearer scim_bad${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429, 429, 429, 429]);
    const slowed = await get(a.base, 'Bearer scim_bad_again');
    expectScimError(slowed, 429);
    assert.ok(retryAfter(slowed) > 800 && retryAfter(slowed) <= 900, 'until the 15-minute window ends');
    assert.equal((await get(a.base, `Bearer ${a.token}`)).status, 200, 'the valid token of that tenant');
    assert.equal(
      (await get(b.base, `Bearer ${b.token}`)).status,
      200,
      'another tenant behind the same address',
    );
    expectScimError(await get(b.base, 'Bearer scim_bad'), 401);
  });

  test('Basic: a pair that verified recently is served while its address is over budget; an unchecked password waits, right or wrong', async () => {
    const { server } = guarded;
    const t = await server.tenant('basic');
    for (const username of ['idp', 'victim', 'cold']) await addAccount(server, 'basic', username, PASSWORD);
    assert.equal((await get(t.base, basicAuth('idp', PASSWORD))).status, 200, 'the IdP signs in');
    for (let i = 0; i < 3; i++) expectScimError(await get(t.base, basicAuth('victim', `wrong ${i}`)), 401);
    const guess = await get(t.base, basicAuth('victim', PASSWORD));
    expectScimError(guess, 429);
    retryAfter(guess);
    for (let i = 0; i < 2; i++) expectScimError(await get(t.base, basicAuth('cold', `wrong ${i}`)), 401);
    // Six failures (the refused guess counts): the address is over its budget on this tenant. Checking a password it sends now
    // would answer its guesses, so only pairs known good are served.
    expectScimError(await get(t.base, basicAuth('cold', PASSWORD)), 429);
    assert.equal((await get(t.base, basicAuth('idp', PASSWORD))).status, 200, 'the IdP goes on');
    assert.equal((await get(t.base, `Bearer ${t.token}`)).status, 200, 'and so does a token');
    const jwt = await fetch(`${server.origin}/tenants/basic/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'idp', password: PASSWORD }),
    });
    assert.equal(jwt.status, 429, 'a password sign-in at the JWT endpoint waits too');
    assert.match(jwt.headers.get('retry-after') ?? '', /^\d+$/);
  });
});
