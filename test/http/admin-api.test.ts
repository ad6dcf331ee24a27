import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sha256 } from '../../src/auth/secrets.ts';
import { ensureOperator } from '../../src/service/accounts.ts';
import type { AdminRecord, TenantId } from '../../src/store/port.ts';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { scimClient, USER } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const ACME = 'acme' as TenantId;
const PASSWORD = 'tenant admin password';
let alice: AdminRecord;

const t = useServer(async ({ server }) => {
  alice = await addAccount(server, ACME, 'alice', PASSWORD, 'admin');
  await addAccount(server, ACME, 'robot', PASSWORD, 'provisioning');
  await server.tenant('globex');
});

interface Session {
  cookie: string;
  csrf: string;
}

async function api(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    session?: Session | undefined;
    csrf?: boolean;
    tenant?: string;
  } = {},
) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.session) headers.Cookie = options.session.cookie;
  if (options.session && options.csrf !== false) headers['X-CSRF-Token'] = options.session.csrf;
  const res = await fetch(`${t.server.origin}/tenants/${options.tenant ?? 'acme'}/admin/api${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON the console would
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

async function login(username = 'alice', password = PASSWORD): Promise<Session> {
  const res = await api('/login', { body: { username, password } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const setCookie = res.headers.get('set-cookie') ?? '';
  assert.match(
    setCookie,
    /^scimitar_session=[\w-]+; Path=\/tenants\/acme\/admin; Max-Age=1800; HttpOnly; SameSite=Strict$/,
  );
  return { cookie: setCookie.split(';')[0] ?? '', csrf: res.body.csrfToken };
}

describe('admin sign-in', () => {
  test('wrong password and provisioning accounts get 401, as JSON and without a Basic challenge', async () => {
    for (const [username, password] of [
      ['alice', 'wrong password'],
      ['robot', PASSWORD],
    ]) {
      const res = await api('/login', { body: { username, password } });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), null);
      assert.equal(typeof res.body.detail, 'string');
    }
    const session = await login();
    const me = await api('/session', { session });
    assert.deepEqual(me.body.admin, { kind: 'admin', id: alice.id, username: 'alice' });
    assert.equal(me.body.csrfToken, session.csrf);
  });

  test('no session, a foreign tenant, idle or too old sessions, and logout: 401', async () => {
    const { server } = t;
    assert.equal((await api('/tokens')).status, 401);
    const session = await login();
    assert.equal((await api('/tokens', { session, tenant: 'globex' })).status, 401);

    const old = (minutesIdle: number, hoursOld: number) => {
      const token = `test-${minutesIdle}-${hoursOld}`;
      const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
      return server.store
        .forTenant(ACME)
        .sessions.create({
          tokenHash: sha256(token),
          adminId: alice.id,
          operatorId: undefined,
          createdAt: ago(hoursOld * 3_600_000),
          lastSeenAt: ago(minutesIdle * 60_000),
        })
        .then(() => ({ cookie: `scimitar_session=${token}`, csrf: '' }));
    };
    assert.equal((await api('/session', { session: await old(5, 1) })).status, 200, 'a live session');
    assert.equal((await api('/session', { session: await old(31, 1) })).status, 401, 'idle over 30 minutes');
    assert.equal((await api('/session', { session: await old(1, 13) })).status, 401, 'older than 12 hours');

    assert.equal((await api('/logout', { method: 'POST', session })).status, 204);
    assert.equal((await api('/session', { session })).status, 401);
  });
});

describe('operator sign-in', () => {
  test('the server operator signs in to any existing tenant with "operator": true and manages it', async () => {
    const OPERATOR_PASSWORD = 'the operator password';
    await ensureOperator(t.server.deps, OPERATOR_PASSWORD);
    const as = (tenant: string, body: Record<string, unknown>) => api('/login', { tenant, body });
    const credentials = { username: 'operator', password: OPERATOR_PASSWORD };
    assert.equal((await as('acme', credentials)).status, 401, 'not a tenant admin');
    assert.equal(
      (await as('acme', { ...credentials, password: 'wrong password', operator: true })).status,
      401,
    );
    assert.equal((await as('nowhere', { ...credentials, operator: true })).status, 401, 'no such tenant');
    const res = await as('globex', { ...credentials, operator: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.admin.kind, 'operator');
    const session = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrf: res.body.csrfToken,
    };
    const created = await api('/tokens', { tenant: 'globex', body: { name: 'by-operator' }, session });
    assert.equal(created.status, 201);
    const recorded = (await api('/audit', { tenant: 'globex', session })).body.at(-1);
    assert.deepEqual(
      [recorded.actor, recorded.action, recorded.resourceType, recorded.resourceId],
      [{ kind: 'operator', id: res.body.admin.id, name: 'operator' }, 'create', 'Token', created.body.id],
    );
    const globex = scimClient(`${t.server.origin}/tenants/globex/scim/v2`, created.body.token);
    assert.equal((await globex.get('/Users')).status, 200);
    assert.equal(
      (await api('/tokens', { tenant: 'acme', session })).status,
      401,
      'the session is for globex only',
    );
  });
});

describe('the admin API', () => {
  test('state-changing routes need the CSRF token', async () => {
    const session = await login();
    const res = await api('/tokens', { body: { name: 'x' }, session, csrf: false });
    assert.equal(res.status, 403);
    assert.equal(
      (await api('/tokens', { body: { name: 'x' }, session: { ...session, csrf: 'nope' } })).status,
      403,
    );
  });

  test('tokens: create shows the token once, list never, revoke stops it', async () => {
    const session = await login();
    const created = await api('/tokens', { body: { name: 'process-street', expiresIn: '90d' }, session });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^scim_/);
    const scim = scimClient(t.server.base, created.body.token);
    assert.equal((await scim.get('/Users')).status, 200);
    const list = await api('/tokens', { session });
    const listed = list.body.find((tk: { name: string }) => tk.name === 'process-street');
    assert.ok(listed.expiresAt && listed.lastUsedAt && listed.lastIp === '127.0.0.1');
    assert.ok(!JSON.stringify(list.body).includes(created.body.token));
    assert.equal((await api(`/tokens/${created.body.id}`, { method: 'DELETE', session })).status, 204);
    assert.equal((await scim.get('/Users')).status, 401);
    assert.equal((await api('/tokens', { body: { name: 'y', expiresIn: 'soon' }, session })).status, 400);
  });

  test('accounts, OAuth clients, keys and the audit trail', async () => {
    const session = await login();
    const weak = await api('/admins', { body: { username: 'declaree', password: 'short' }, session });
    assert.equal(weak.status, 400);
    const account = await api('/admins', {
      body: { username: 'declaree', password: PASSWORD, kind: 'provisioning' },
      session,
    });
    assert.equal(account.status, 201);
    const basic = basicAuth('declaree', PASSWORD);
    const viaBasic = await fetch(`${t.server.base}/Users`, { headers: { Authorization: basic } });
    assert.equal(viaBasic.status, 200);
    assert.ok(!JSON.stringify((await api('/admins', { session })).body).includes('argon2'));
    const newPassword = { password: `${PASSWORD} 2` };
    assert.equal(
      (await api(`/admins/${account.body.id}/password`, { body: newPassword, session })).status,
      204,
    );
    assert.equal((await fetch(`${t.server.base}/Users`, { headers: { Authorization: basic } })).status, 401);
    const renewed = basicAuth('declaree', newPassword.password);
    assert.equal(
      (await fetch(`${t.server.base}/Users`, { headers: { Authorization: renewed } })).status,
      200,
    );
    assert.equal((await api(`/admins/${account.body.id}/disable`, { method: 'POST', session })).status, 200);
    assert.equal(
      (await fetch(`${t.server.base}/Users`, { headers: { Authorization: renewed } })).status,
      401,
    );

    const redirect = 'https://system-admin.okta.com/admin/app/cpc/app1/oauth/callback';
    const client = await api('/oauth-clients', { body: { name: 'Okta', redirectUris: [redirect] }, session });
    assert.equal(client.status, 201);
    assert.match(client.body.clientSecret, /^scimcs_/);
    const clients = await api('/oauth-clients', { session });
    assert.deepEqual(
      clients.body.map((c: { redirectUris: string[] }) => c.redirectUris),
      [[redirect]],
    );
    assert.ok(!JSON.stringify(clients.body).includes(client.body.clientSecret));
    // Client credentials only when asked for at registration.
    const job = await api('/oauth-clients', { body: { name: 'Job', allowClientCredentials: true }, session });
    assert.deepEqual(
      [job.status, client.body.allowClientCredentials, job.body.allowClientCredentials],
      [201, false, true],
    );
    const ccToken = (id: string, clientSecret: string) =>
      fetch(`${t.server.origin}/tenants/acme/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: id,
          client_secret: clientSecret,
        }),
      });
    const refused = await ccToken(client.body.id, client.body.clientSecret);
    assert.deepEqual(
      [refused.status, ((await refused.json()) as { error: string }).error],
      [400, 'unauthorized_client'],
    );
    assert.equal((await ccToken(job.body.id, job.body.clientSecret)).status, 200);
    const notBoolean = { name: 'x', allowClientCredentials: 'yes' };
    assert.equal((await api('/oauth-clients', { body: notBoolean, session })).status, 400);
    assert.equal((await api(`/oauth-clients/${job.body.id}`, { method: 'DELETE', session })).status, 204);
    assert.equal((await api(`/oauth-clients/${client.body.id}`, { method: 'DELETE', session })).status, 204);

    const key = await api('/keys/rotate', { method: 'POST', session });
    assert.equal(key.status, 201);
    const keys = await api('/keys', { session });
    assert.deepEqual(
      keys.body.map((k: { kid: string }) => k.kid),
      [key.body.kid],
    );
    assert.ok(keys.body.every((k: Record<string, unknown>) => !('secret' in k)));

    await scimClient(t.server.base, t.server.token).post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'audited@example.com',
    });
    const audit = await api('/audit?limit=1000', { session });
    assert.equal(audit.body.at(-1).actor.name, 'test');
    assert.equal((await api('/audit?limit=2', { session })).body.length, 2);
  });

  test('every credential change is in the audit trail as the signed-in admin’s, by id, without secrets', async () => {
    const session = await login();
    const before = (await api('/audit?limit=1000', { session })).body.at(-1)?.seq ?? 0;
    const token = await api('/tokens', { body: { name: 'audited' }, session });
    assert.equal((await api(`/tokens/${token.body.id}`, { method: 'DELETE', session })).status, 204);
    const password = 'audited account password';
    const account = await api('/admins', { body: { username: 'audited', password }, session });
    const newPassword = `${password} 2`;
    const reset = await api(`/admins/${account.body.id}/password`, {
      body: { password: newPassword },
      session,
    });
    assert.equal(reset.status, 204);
    assert.equal((await api(`/admins/${account.body.id}/disable`, { method: 'POST', session })).status, 200);
    const client = await api('/oauth-clients', { body: { name: 'Audited', redirectUris: [] }, session });
    assert.equal((await api(`/oauth-clients/${client.body.id}`, { method: 'DELETE', session })).status, 204);
    const key = await api('/keys/rotate', { method: 'POST', session });
    // Refused changes record nothing.
    assert.equal((await api(`/tokens/${token.body.id}`, { method: 'DELETE', session })).status, 404);
    assert.equal((await api('/admins', { body: { username: 'AUDITED', password }, session })).status, 400);

    const events = (await api(`/audit?after=${before}`, { session })).body;
    const byAlice = { kind: 'admin', id: alice.id, name: 'alice' };
    assert.deepEqual(
      events.map((e: Record<string, unknown>) => [
        e.actor,
        e.action,
        e.resourceType,
        e.resourceId,
        e.version,
      ]),
      [
        [byAlice, 'create', 'Token', token.body.id, undefined],
        [byAlice, 'revoke', 'Token', token.body.id, undefined],
        [byAlice, 'create', 'Account', account.body.id, undefined],
        [byAlice, 'set-password', 'Account', account.body.id, undefined],
        [byAlice, 'disable', 'Account', account.body.id, undefined],
        [byAlice, 'create', 'OAuthClient', client.body.id, undefined],
        [byAlice, 'delete', 'OAuthClient', client.body.id, undefined],
        [byAlice, 'rotate', 'SigningKey', key.body.kid, undefined],
      ],
    );
    const keySecret = (await t.server.store.forTenant(ACME).signingKeys.get(key.body.kid))?.secret;
    const recorded = JSON.stringify(events);
    for (const value of [token.body.token, password, newPassword, client.body.clientSecret, keySecret])
      assert.ok(value && !recorded.includes(value), 'no token, password or secret is recorded');
  });
});

describe('the admin API: the tenant policy', () => {
  test('GET and PUT /policy: a bad policy is 400 naming the field, a good one applies at once and is audited', async () => {
    const session = await login();
    assert.deepEqual((await api('/policy', { session })).body, {});
    assert.equal((await api('/policy', { method: 'PUT', body: {}, session, csrf: false })).status, 403);
    assert.equal((await api('/policy', { method: 'PUT', body: {} })).status, 401);

    const bad = await api('/policy', {
      method: 'PUT',
      body: { roles: { attribute: 'userType', allowed: ['Admin'], default: 'Owner' } },
      session,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, {
      error: 'invalidValue',
      status: 400,
      detail: '/roles/default: "Owner" is not one of /roles/allowed',
    });
    const misspelt = await api('/policy', { method: 'PUT', body: { lifecyle: {} }, session });
    assert.equal(misspelt.body.detail, '/lifecyle: is not a field of the policy');
    const before = (await api('/audit?limit=1000', { session })).body.at(-1)?.seq ?? 0;

    const policy = { roles: { attribute: 'userType', allowed: ['Admin', 'Guest'], default: 'Guest' } };
    const put = await api('/policy', { method: 'PUT', body: policy, session });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body, policy);
    assert.deepEqual((await api('/policy', { session })).body, policy);
    // The server that took the PUT applies it to the next SCIM request.
    const created = await t.scim.post('/Users', { schemas: [USER], userName: 'guest@example.com' });
    assert.equal(created.body.userType, 'Guest');

    const events = (await api(`/audit?after=${before}`, { session })).body;
    assert.deepEqual(
      events.map((e: Record<string, unknown>) => [e.actor, e.action, e.resourceType, e.resourceId]),
      [
        [{ kind: 'admin', id: alice.id, name: 'alice' }, 'replace', 'Policy', 'acme'],
        [{ kind: 'token', id: events[1].actor.id, name: 'test' }, 'create', 'User', created.body.id],
      ],
    );
    assert.equal((await api('/policy', { method: 'PUT', body: {}, session })).status, 200);
  });
});
