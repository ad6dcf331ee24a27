import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changePassword } from '../../src/service/accounts.ts';
import type { TenantId } from '../../src/store/port.ts';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { byTest } from '../support/change.ts';
import { expectScimError, oktaUser, type ScimResponse, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const ACME = 'acme' as TenantId;
const PASSWORD = 'declaree provisioning 1';

const t = useServer(async ({ server }) => {
  await addAccount(server, ACME, 'declaree', PASSWORD, 'provisioning');
  await addAccount(server, ACME, 'Site.Admin', PASSWORD, 'admin');
  await addAccount(server, ACME, 'leaver', PASSWORD, 'provisioning');
  await server.tenant('globex');
});

async function call(url: string, authorization: string, body?: unknown): Promise<ScimResponse> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/scim+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('HTTP Basic with a tenant account (Declaree)', () => {
  test('a provisioning account reads and writes, and its changes are attributed to it', async () => {
    const { server } = t;
    const auth = basicAuth('declaree', PASSWORD);
    assert.equal((await call(`${server.base}/Users?count=1`, auth)).status, 200, 'Test API Credentials');
    const created = await call(`${server.base}/Users`, auth, oktaUser('basic@example.com'));
    assert.equal(created.status, 201);
    const events = await server.store.forTenant(ACME).audit.list(0, 1000);
    const event = events.find((e) => e.resourceId === created.body.id);
    assert.deepEqual(
      { kind: event?.actor.kind, name: event?.actor.name, action: event?.action },
      { kind: 'provisioning', name: 'declaree', action: 'create' },
    );
  });

  test('an admin account works too, its username compared case-insensitively', async () => {
    const { server } = t;
    const res = await call(`${server.base}/Users`, basicAuth('site.admin', PASSWORD), {
      schemas: [USER],
      userName: 'by-admin@example.com',
    });
    assert.equal(res.status, 201);
    const event = (await server.store.forTenant(ACME).audit.list(0, 1000)).at(-1);
    assert.equal(event?.actor.kind, 'admin');
    assert.equal(event?.actor.name, 'Site.Admin');
  });

  test('wrong password, unknown user, malformed header, foreign tenant: the same 401 with both challenges', async () => {
    const { server } = t;
    const globex = `${server.origin}/tenants/globex/scim/v2/Users`;
    const nowhere = `${server.origin}/tenants/nowhere/scim/v2/Users`;
    for (const [url, auth] of [
      [`${server.base}/Users`, basicAuth('declaree', `${PASSWORD}x`)],
      [`${server.base}/Users`, basicAuth('nobody', PASSWORD)],
      [`${server.base}/Users`, 'Basic !!!'],
      [`${server.base}/Users`, `Basic ${Buffer.from('no-colon').toString('base64')}`],
      [globex, basicAuth('declaree', PASSWORD)],
      [nowhere, basicAuth('declaree', PASSWORD)],
    ] as const) {
      const res = await call(url, auth);
      expectScimError(res, 401);
      assert.equal(
        res.headers.get('www-authenticate'),
        'Bearer realm="scim", Basic realm="scim", charset="UTF-8"',
      );
      assert.ok(!res.text.includes(PASSWORD) && !res.text.includes('declaree'), 'nothing echoed');
    }
  });

  test('NUL in the username or password is malformed: 401, not a database error', async () => {
    for (const auth of [basicAuth('declaree\0', PASSWORD), basicAuth('declaree', `${PASSWORD}\0`)])
      expectScimError(await call(`${t.server.base}/Users`, auth), 401);
  });

  test('a new password refuses the old one at once, though it was verified moments ago', async () => {
    const { server } = t;
    await addAccount(server, 'acme', 'rotating', PASSWORD, 'provisioning');
    assert.equal((await call(`${server.base}/Users`, basicAuth('rotating', PASSWORD))).status, 200);
    await changePassword(server.deps, ACME, 'rotating', `${PASSWORD} v2`, byTest());
    expectScimError(await call(`${server.base}/Users`, basicAuth('rotating', PASSWORD)), 401);
    assert.equal((await call(`${server.base}/Users`, basicAuth('rotating', `${PASSWORD} v2`))).status, 200);
  });

  test('disabling an account refuses it at once, though its password was verified moments ago', async () => {
    const { server } = t;
    const auth = basicAuth('leaver', PASSWORD);
    assert.equal((await call(`${server.base}/Users`, auth)).status, 200);
    await server.store.forTenant(ACME).admins.disable('leaver', new Date().toISOString());
    expectScimError(await call(`${server.base}/Users`, auth), 401);
  });
});
