import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { expectScimError, type ScimResponse, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const PASSWORD = 'a long enough password';

const limited = useServer(undefined, { rateLimitPerSecond: 2, rateLimitBurst: 5 });

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
    assert.ok(retryAfter(last as ScimResponse) <= 1);
    assert.equal(
      (await scimClient(initech.base, initech.token).get('/Users')).status,
      200,
      'initech unaffected',
    );
  });
});

const guarded = useServer(
  async ({ server }) => {
    for (const username of ['victim', 'bystander']) await addAccount(server, 'acme', username, PASSWORD);
  },
  { failedLoginsPerAccount: 3, failedLoginsPerIp: 6 },
);

async function get(authorization: string): Promise<ScimResponse> {
  const res = await fetch(`${guarded.server.base}/Users`, { headers: { Authorization: authorization } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

describe('failed sign-in throttling', () => {
  test('per (username, address): after 3 failures that username waits, other usernames do not', async () => {
    for (let i = 0; i < 3; i++) expectScimError(await get(basicAuth('victim', 'wrong password')), 401);
    const blocked = await get(basicAuth('victim', PASSWORD));
    expectScimError(blocked, 429);
    assert.ok(retryAfter(blocked) > 800 && retryAfter(blocked) <= 900, 'until the 15-minute window ends');
    assert.equal((await get(basicAuth('bystander', PASSWORD))).status, 200, 'another account signs in');
    assert.equal((await get(`Bearer ${guarded.server.token}`)).status, 200, 'and so does a token');
  });

  test('per address: bad tokens and passwords add up, then every credential from it waits', async () => {
    expectScimError(await get('Bearer scim_made_up'), 401);
    expectScimError(await get(basicAuth('bystander', 'wrong password')), 401);
    expectScimError(await get('Bearer scim_made_up_too'), 401);
    const blocked = await get(`Bearer ${guarded.server.token}`);
    expectScimError(blocked, 429);
    retryAfter(blocked);
    const jwt = await fetch(`${guarded.server.origin}/tenants/acme/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bystander', password: PASSWORD }),
    });
    assert.equal(jwt.status, 429, 'the JWT endpoint shares the count');
    assert.match(jwt.headers.get('retry-after') ?? '', /^\d+$/);
  });
});
