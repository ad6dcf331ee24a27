import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { type JWTPayload, SignJWT } from 'jose';
import { issueAdminJwt, rotateSigningKey } from '../../src/service/signing-keys.ts';
import type { AdminRecord, TenantId } from '../../src/store/port.ts';
import { addAccount } from '../support/accounts.ts';
import { byTest } from '../support/change.ts';
import { expectScimError, oktaUser, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const ACME = 'acme' as TenantId;
const PASSWORD = 'site admin password';
let admin: AdminRecord;

const t = useServer(async ({ server }) => {
  admin = await addAccount(server, ACME, 'sam', PASSWORD, 'admin');
  await addAccount(server, ACME, 'prov', PASSWORD, 'provisioning');
  await server.tenant('globex');
});

/** The "Request JWT token" button: a form post of the site admin's username and password. */
async function requestJwt(tenant: string, fields: Record<string, string>, json = false) {
  const res = await fetch(`${t.server.origin}/tenants/${tenant}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A real JWT of sam's, its claims, and the tenant's live signing key. */
async function realJwt() {
  const jwt = String((await requestJwt('acme', { username: 'sam', password: PASSWORD })).body.access_token);
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload;
  const key = await t.server.store.forTenant(ACME).signingKeys.current();
  assert.ok(key);
  return {
    jwt,
    claims,
    kid: key.kid,
    secret: Buffer.from(key.secret, 'base64url'),
  };
}

/** An HS256 JWT with exactly these claims and kid, signed with `secret`. */
function sign(claims: JWTPayload, kid: string, secret: Uint8Array): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' }).sign(secret);
}

describe("JWT requested with a site admin's credentials (PowerDMS)", () => {
  test('the JWT works as the SCIM bearer credential, and the admin is the actor of its changes', async () => {
    const res = await requestJwt('acme', { username: 'sam', password: PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('pragma'), 'no-cache');
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 90 * 86_400);
    const jwt = String(res.body.access_token);
    assert.match(jwt, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());
    assert.equal(claims.sub, admin.id);
    assert.equal(claims.tenant, 'acme');

    // Okta's "API Token" field: sent as a Bearer token, or bare in header mode.
    const scim = scimClient(t.server.base, jwt);
    assert.equal((await scim.get('/Users?count=1')).status, 200, 'Test API Credentials');
    const bare = await fetch(`${t.server.base}/Users`, { headers: { Authorization: jwt } });
    assert.equal(bare.status, 200);
    const created = await scim.post('/Users', oktaUser('powerdms@example.com'));
    assert.equal(created.status, 201);
    const event = (await t.server.store.forTenant(ACME).audit.list(0, 1000)).find(
      (e) => e.resourceId === created.body.id,
    );
    assert.deepEqual(event?.actor, { kind: 'jwt', id: admin.id, name: 'sam' });

    const viaJson = await requestJwt('acme', { username: 'SAM', password: PASSWORD }, true);
    assert.equal(viaJson.status, 200, 'JSON works too, and the username is case-insensitive');
  });

  test('wrong password, provisioning account, unknown tenant: invalid_grant, saying nothing more', async () => {
    for (const [tenant, username, password] of [
      ['acme', 'sam', `${PASSWORD}!`],
      ['acme', 'prov', PASSWORD],
      ['acme', 'nobody', PASSWORD],
      ['nowhere', 'sam', PASSWORD],
      ['globex', 'sam', PASSWORD],
    ] as const) {
      const res = await requestJwt(tenant, { username, password });
      assert.equal(res.status, 400, `${tenant}/${username}`);
      assert.equal(res.body.error, 'invalid_grant');
      assert.deepEqual(
        [res.headers.get('cache-control'), res.headers.get('pragma')],
        ['no-store', 'no-cache'],
      );
      assert.ok(!JSON.stringify(res.body).includes(PASSWORD));
    }
    const missing = await requestJwt('acme', { username: 'sam' });
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
    assert.deepEqual(
      [missing.headers.get('cache-control'), missing.headers.get('pragma')],
      ['no-store', 'no-cache'],
    );
    for (const fields of [
      { username: 'sam\0', password: PASSWORD },
      { username: 'sam', password: `${PASSWORD}\0` },
    ]) {
      for (const json of [false, true]) {
        const nul = await requestJwt('acme', fields, json);
        assert.deepEqual([nul.status, nul.body.error], [400, 'invalid_request'], `NUL, json: ${json}`);
      }
    }
    const huge = await requestJwt('acme', { username: 'sam', password: 'x'.repeat(1024 * 1024 + 1) });
    assert.deepEqual([huge.status, huge.body.error], [413, 'invalid_request'], 'a body over 1 MB is no 500');
  });

  test('a JWT is verified: alg none, another key under the real kid, the wrong iss, aud or tenant are 401', async () => {
    const { jwt, claims, kid, secret } = await realJwt();
    const call = async (token: string) => (await scimClient(t.server.base, token).get('/Users')).status;
    // The control: a token this helper signs with the real key and the real claims works, so each
    // refusal below is for the one thing changed.
    assert.equal(await call(await sign(claims, kid, secret)), 200);

    // alg none under the live kid, with a non-empty signature, so it looks like a JWS and is verified.
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid, typ: 'JWT' })).toString('base64url');
    const fakeSignature = randomBytes(32).toString('base64url');
    assert.equal(await call(`${none}.${jwt.split('.')[1]}.${fakeSignature}`), 401, 'alg none');
    assert.equal(await call(await sign(claims, kid, randomBytes(32))), 401, 'another key under the real kid');

    for (const [what, changed] of [
      ['iss', { iss: 'urn:scimitar:tenants:globex' }],
      ['aud', { aud: 'urn:scimitar:tenants:globex:scim' }],
      ['tenant', { tenant: 'globex' }],
    ] as const)
      assert.equal(await call(await sign({ ...claims, ...changed }, kid, secret)), 401, `wrong ${what}`);
  });

  test('NUL in the kid or the subject of a JWT is a 401, not a database error', async () => {
    const { claims, kid, secret } = await realJwt();
    const ok = await sign(claims, kid, secret);
    assert.equal(
      (await scimClient(t.server.base, ok).get('/Users')).status,
      200,
      'the forging helper is sound',
    );
    expectScimError(
      await scimClient(t.server.base, await sign(claims, `${kid}\0`, secret)).get('/Users'),
      401,
    );
    const nulSub = await sign({ ...claims, sub: `${claims.sub}\0` }, kid, secret);
    expectScimError(await scimClient(t.server.base, nulSub).get('/Users'), 401);
  });

  test('refused on another tenant, when expired, when tampered with, after a rotation or when the admin is disabled', async () => {
    const { server } = t;
    const jwt = String((await requestJwt('acme', { username: 'sam', password: PASSWORD })).body.access_token);
    expectScimError(await scimClient(`${server.origin}/tenants/globex/scim/v2`, jwt).get('/Users'), 401);

    const twoMinutesAgo = () => new Date(Date.now() - 120_000);
    const old = await issueAdminJwt({ ...server.deps, now: twoMinutesAgo }, admin, 60);
    expectScimError(await scimClient(server.base, old.token).get('/Users'), 401);

    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expectScimError(await scimClient(server.base, `${header}.${forged}.${signature}`).get('/Users'), 401);

    await rotateSigningKey(server.deps, ACME, byTest());
    expectScimError(await scimClient(server.base, jwt).get('/Users'), 401);
    const fresh = String(
      (await requestJwt('acme', { username: 'sam', password: PASSWORD })).body.access_token,
    );
    assert.equal((await scimClient(server.base, fresh).get('/Users')).status, 200);

    await server.store.forTenant(ACME).admins.disable('sam', new Date().toISOString());
    expectScimError(await scimClient(server.base, fresh).get('/Users'), 401);
  });
});
