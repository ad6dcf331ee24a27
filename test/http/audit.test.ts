import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createToken } from '../../src/service/tokens.ts';
import type { TenantId } from '../../src/store/port.ts';
import { byTest } from '../support/change.ts';
import { expectScimError, GROUP, oktaUser, patchBody, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const ACME = 'acme' as TenantId;
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const t = useServer();

describe('the audit trail', () => {
  test('every change records its actor, action, resource and version; failed and no-op writes record none', async () => {
    const { scim, server } = t;
    const audit = server.store.forTenant(ACME).audit;
    const before = (await audit.list(0, 1000)).at(-1)?.seq ?? 0;

    const user = (await scim.post('/Users', oktaUser('audit@example.com'))).body;
    expectScimError(await scim.post('/Users', oktaUser('AUDIT@example.com')), 409, 'uniqueness');
    await scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'active', value: false }));
    await scim.patch(`/Users/${user.id}`, patchBody({ op: 'replace', path: 'active', value: false }));
    await scim.put(`/Users/${user.id}`, { ...oktaUser('audit@example.com'), externalId: user.externalId });
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Audited' })).body;
    await scim.delete(`/Users/${user.id}`);

    const events = await audit.list(before, 1000);
    assert.deepEqual(
      events.map((e) => [e.action, e.resourceType, e.resourceId, e.version]),
      [
        ['create', 'User', user.id, 1],
        ['patch', 'User', user.id, 2],
        ['replace', 'User', user.id, 3],
        ['create', 'Group', group.id, 1],
        ['delete', 'User', user.id, 3],
      ],
    );
    const tokens = await server.store.forTenant(ACME).tokens.list();
    for (const e of events) {
      assert.deepEqual(e.actor, { kind: 'token', id: tokens[0]?.id, name: 'test' });
      assert.match(e.at, /^\d{4}-\d\d-\d\dT/);
    }
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => before + i + 1),
      'seq counts up per tenant without gaps',
    );
  });
});

describe('API token rules', () => {
  test('an expired token is refused with 401 and WWW-Authenticate', async () => {
    const { server } = t;
    const past = new Date(Date.now() - 1000).toISOString();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const expired = await createToken(server.deps, ACME, 'old', byTest(), {
      expiresAt: past,
    });
    const live = await createToken(server.deps, ACME, 'new', byTest(), { expiresAt: soon });
    const res = await scimClient(server.base, expired.token).get('/Users');
    expectScimError(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
    assert.equal((await scimClient(server.base, live.token).get('/Users')).status, 200);
  });

  test('a read-only token reads and searches, and gets 403 on every write', async () => {
    const { scim, server } = t;
    const { token } = await createToken(server.deps, ACME, 'host-app', byTest(), {
      scope: 'read',
    });
    const reader = scimClient(server.base, token);
    const user = (await scim.post('/Users', oktaUser('readonly@example.com'))).body;
    assert.equal((await reader.get(`/Users/${user.id}`)).status, 200);
    assert.equal(
      (await reader.post('/Users/.search', { schemas: [SEARCH], filter: 'userName pr' })).status,
      200,
    );
    expectScimError(await reader.post('/Users', oktaUser('nope@example.com')), 403);
    expectScimError(await reader.put(`/Users/${user.id}`, oktaUser('readonly@example.com')), 403);
    expectScimError(
      await reader.patch(`/Users/${user.id}`, patchBody({ op: 'add', path: 'title', value: 'x' })),
      403,
    );
    expectScimError(await reader.delete(`/Users/${user.id}`), 403);
    assert.equal((await scim.get(`/Users/${user.id}`)).body.title, undefined, 'nothing changed');
  });
});
