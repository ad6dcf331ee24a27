import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientCredentials } from '../../src/service/oauth/client-credentials.ts';
import { registerClient } from '../../src/service/oauth/clients.ts';
import { exchangeCode } from '../../src/service/oauth/exchange-code.ts';
import { issueCode } from '../../src/service/oauth/issue-code.ts';
import { issueAdminJwt } from '../../src/service/signing-keys.ts';
import { createToken } from '../../src/service/tokens.ts';
import type { TenantId } from '../../src/store/port.ts';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { byTest } from '../support/change.ts';
import { GROUP, oktaUser, PATCH_OP, patchBody, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const GLOBEX = 'globex' as TenantId;
const PASSWORD = 'globex admin password';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** Every credential type, all of tenant globex. */
const credentials: Record<string, string> = {};
/** acme's data, which no globex credential may see or touch. */
const secrets = { userId: '', groupId: '', userName: 'victim@acme.example', externalId: 'acme-ext-1' };

const t = useServer(
  async ({ server, scim }) => {
    const user = await scim.post('/Users', { ...oktaUser(secrets.userName), externalId: secrets.externalId });
    secrets.userId = user.body.id;
    const group = await scim.post('/Groups', {
      schemas: [GROUP],
      displayName: 'Acme Admins',
      members: [{ value: user.body.id }],
    });
    secrets.groupId = group.body.id;

    const at = new Date().toISOString();
    const { deps } = server;
    await server.store.tenants.create(GLOBEX, at);
    const admin = await addAccount(server, GLOBEX, 'gadmin', PASSWORD, 'admin');
    await addAccount(server, GLOBEX, 'gprov', PASSWORD, 'provisioning');
    const basic = (u: string) => basicAuth(u, PASSWORD);
    credentials['API token'] = `Bearer ${(await createToken(server.deps, GLOBEX, 'okta', byTest(at))).token}`;
    credentials['bare API token'] = (await createToken(server.deps, GLOBEX, 'bare', byTest(at))).token;
    credentials['read-only token'] =
      `Bearer ${(await createToken(server.deps, GLOBEX, 'ro', byTest(at), { scope: 'read' })).token}`;
    credentials['Basic provisioning account'] = basic('gprov');
    credentials['Basic admin account'] = basic('gadmin');
    credentials['admin JWT'] = `Bearer ${(await issueAdminJwt(deps, admin, 3600)).token}`;
    const { client } = await registerClient(
      deps,
      GLOBEX,
      { name: 'Okta', redirectUris: ['https://okta.example/cb'], allowClientCredentials: true },
      byTest(at),
    );
    const code = await issueCode(deps, { client, admin, redirectUri: undefined, codeChallenge: undefined });
    const viaCode = await exchangeCode(deps, client, {
      code,
      redirectUri: undefined,
      codeVerifier: undefined,
    });
    credentials['OAuth access token (authorization code)'] = `Bearer ${viaCode.access_token}`;
    credentials['OAuth access token (client credentials)'] =
      `Bearer ${(await clientCredentials(deps, client, undefined)).access_token}`;
  },
  { failedLoginsPerIp: 1_000_000, failedLoginsPerAccount: 1_000_000 },
);

/** Every SCIM method, and a filter on every indexed attribute and a few that are not. */
function requests(): [string, string, unknown?][] {
  const { userId, groupId, userName, externalId } = secrets;
  const filters = [
    `userName eq "${userName}"`,
    `externalId eq "${externalId}"`,
    `emails.value eq "${userName}"`,
    `id eq "${userId}"`,
    'userName pr',
    'name.givenName sw "A"',
    'meta.created gt "2000-01-01T00:00:00Z"',
    `groups.value eq "${groupId}"`,
  ];
  const groupFilters = [`members.value eq "${userId}"`, 'displayName eq "Acme Admins"', `id eq "${groupId}"`];
  return [
    ['GET', '/Users'],
    ...filters.map((f): [string, string] => ['GET', `/Users?filter=${encodeURIComponent(f)}`]),
    ['GET', `/Users/${userId}`],
    ['GET', `/Users/${userId}?attributes=userName`],
    ['POST', '/Users', oktaUser('intruder@globex.example')],
    ['PUT', `/Users/${userId}`, oktaUser(userName)],
    ['PATCH', `/Users/${userId}`, patchBody({ op: 'replace', path: 'active', value: false })],
    ['DELETE', `/Users/${userId}`],
    ['POST', '/Users/.search', { schemas: [SEARCH], filter: filters[0] }],
    ['POST', '/.search', { schemas: [SEARCH], filter: 'id pr' }],
    ['GET', '/Groups'],
    ...groupFilters.map((f): [string, string] => ['GET', `/Groups?filter=${encodeURIComponent(f)}`]),
    ['GET', `/Groups/${groupId}`],
    ['POST', '/Groups', { schemas: [GROUP], displayName: 'Intruders' }],
    ['PUT', `/Groups/${groupId}`, { schemas: [GROUP], displayName: 'Renamed' }],
    ['PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] }],
    ['DELETE', `/Groups/${groupId}`],
    ['POST', '/Groups/.search', { schemas: [SEARCH], filter: groupFilters[0] }],
    ['GET', '/ServiceProviderConfig'],
    ['GET', '/Schemas'],
    ['GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'],
    ['GET', '/ResourceTypes'],
    ['GET', '/ResourceTypes/User'],
  ];
}

async function send(tenant: string, authorization: string, [method, path, body]: [string, string, unknown?]) {
  const res = await fetch(`${t.server.origin}/tenants/${tenant}/scim/v2${path}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/scim+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), text: await res.text() };
}

describe('a credential of one tenant on another tenant', () => {
  test('every credential type works at home (the control)', async () => {
    for (const [type, authorization] of Object.entries(credentials))
      assert.equal((await send('globex', authorization, ['GET', '/Users'])).status, 200, type);
  });

  test('every type × every SCIM method and filter: 401, the same as for a tenant that does not exist, and nothing of acme', async () => {
    const leaks = [secrets.userId, secrets.groupId, secrets.userName, secrets.externalId, 'Acme Admins'];
    let checked = 0;
    for (const [type, authorization] of Object.entries(credentials)) {
      for (const request of requests()) {
        const label = `${type}: ${request[0]} ${request[1]}`;
        const acme = await send('acme', authorization, request);
        const nowhere = await send('nowhere', authorization, request);
        assert.equal(acme.status, 401, label);
        assert.deepEqual(acme, nowhere, `${label}: the answer does not tell that acme exists`);
        for (const leak of leaks) assert.ok(!acme.text.includes(leak), `${label} leaks ${leak}`);
        checked++;
      }
    }
    assert.equal(checked, Object.keys(credentials).length * requests().length);

    const acme = scimClient(t.server.base, t.server.token);
    const user = await acme.get(`/Users/${secrets.userId}`);
    assert.equal(user.body.meta.version, 'W/"1"', 'acme user untouched');
    assert.equal(user.body.active, true);
    const group = await acme.get(`/Groups/${secrets.groupId}`);
    assert.equal(group.body.displayName, 'Acme Admins');
    assert.deepEqual(
      group.body.members.map((m: { value: string }) => m.value),
      [secrets.userId],
    );
    assert.equal((await acme.get('/Users')).body.totalResults, 1, 'nothing was created in acme');
    const audit = await t.server.store.forTenant('acme' as TenantId).audit.list(0, 100);
    const scimChanges = audit.filter((e) => e.resourceType === 'User' || e.resourceType === 'Group');
    assert.deepEqual(
      [...new Set(scimChanges.map((e) => e.actor.name))],
      ['test'],
      'only acme’s own token changed acme',
    );
  });

  test('a read-only credential of the right tenant gets 403 on writes, not 401', async () => {
    const res = await send('globex', credentials['read-only token'] ?? '', [
      'POST',
      '/Users',
      oktaUser('ro@globex.example'),
    ]);
    assert.equal(res.status, 403);
  });
});
