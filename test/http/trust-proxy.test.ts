import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TenantId } from '../../src/store/port.ts';
import { startServer, type TestServer } from '../support/server.ts';

// Behind a TLS-terminating proxy the server must learn the client's address from X-Forwarded-For, but
// only from the proxies SCIMITAR_TRUST_PROXY names: anyone else could claim any address.

let trusting: TestServer;
let plain: TestServer;

before(async () => {
  [trusting, plain] = await Promise.all([startServer({ trustProxy: '127.0.0.1' }), startServer()]);
});

after(() => Promise.all([trusting.close(), plain.close()]));

async function lastIpAfterUse(server: TestServer): Promise<string | undefined> {
  const res = await fetch(`${server.base}/Users`, {
    headers: { Authorization: `Bearer ${server.token}`, 'X-Forwarded-For': '203.0.113.7' },
  });
  assert.equal(res.status, 200);
  const [token] = await server.store.forTenant('acme' as TenantId).tokens.list();
  return token?.lastIp;
}

test('a trusted proxy’s X-Forwarded-For is the recorded client address', async () => {
  assert.equal(await lastIpAfterUse(trusting), '203.0.113.7');
});

test('without SCIMITAR_TRUST_PROXY the header is ignored: the peer’s own address is recorded', async () => {
  assert.equal(await lastIpAfterUse(plain), '127.0.0.1');
});
