import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sha256 } from '../../src/auth/secrets.ts';
import { registerClient } from '../../src/service/oauth/clients.ts';
import type { AdminRecord, OAuthClient, TenantId } from '../../src/store/port.ts';
import { addAccount, basicAuth } from '../support/accounts.ts';
import { byTest } from '../support/change.ts';
import { expectScimError, oktaUser, scimClient } from '../support/scim-client.ts';
import { useServer } from '../support/server.ts';

const ACME = 'acme' as TenantId;
const PASSWORD = 'docuware admin password';
const REDIRECT =
  'https://system-admin.okta.com/admin/app/cpc/trial-5967756_oktascimintegration_1/oauth/callback';
let client: OAuthClient;
let secret: string;
/** A client registered for client credentials too (`--client-credentials`). */
let ccClient: OAuthClient;
let ccSecret: string;
let dwAdmin: AdminRecord;

const t = useServer(async ({ server }) => {
  const now = new Date().toISOString();
  dwAdmin = await addAccount(server, ACME, 'dw-admin', PASSWORD, 'admin');
  ({ client, secret } = await registerClient(
    server.deps,
    ACME,
    { name: 'Okta', redirectUris: [REDIRECT] },
    byTest(now),
  ));
  ({ client: ccClient, secret: ccSecret } = await registerClient(
    server.deps,
    ACME,
    { name: 'Sync job', redirectUris: [], allowClientCredentials: true },
    byTest(now),
  ));
  await server.tenant('globex');
});

const oauthUrl = (path: string) => `${t.server.origin}/tenants/acme/oauth/${path}`;

function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}

/** The hidden fields of the consent form, as a browser would submit them. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields[decodeHtml(m[1] ?? '')] = decodeHtml(m[2] ?? '');
  return fields;
}

/** Okta's "Authenticate with …" button: opens the authorize URL in the admin's browser. */
async function openAuthorize(params: Record<string, string>) {
  const res = await fetch(`${oauthUrl('authorize')}?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return { res, html: await res.text() };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The admin signs in and allows: returns the redirect the browser follows back to Okta. */
async function consent(
  params: Record<string, string>,
  login: { username: string; password: string },
  decision = 'allow',
) {
  const { res, html } = await openAuthorize(params);
  assert.equal(res.status, 200, res.headers.get('location') ?? html);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const post = await fetch(oauthUrl('authorize'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams({ ...hiddenFields(html), ...login, decision }).toString(),
  });
  return { post, html: await post.text(), cookie };
}

async function token(
  fields: Record<string, string>,
  auth: 'basic' | 'post' = 'basic',
  pw = secret,
  id = client.id,
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(fields);
  if (auth === 'basic') headers.Authorization = basicAuth(id, pw);
  else {
    body.set('client_id', id);
    body.set('client_secret', pw);
  }
  const res = await fetch(oauthUrl('token'), { method: 'POST', headers, body: body.toString() });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
}

async function authorizationCode(state = 'okta-state-1') {
  const { verifier, challenge } = pkce();
  const params = {
    response_type: 'code',
    client_id: client.id,
    redirect_uri: REDIRECT,
    state,
    // Okta's support articles tell admins to add offline_access for refresh tokens.
    scope: 'scim offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  const { post } = await consent(params, { username: 'dw-admin', password: PASSWORD });
  assert.equal(post.status, 302);
  const location = new URL(post.headers.get('location') ?? '');
  return { location, verifier, code: location.searchParams.get('code') ?? '' };
}

describe('OAuth 2.0 authorization code, as Okta runs it for DocuWare', () => {
  test('metadata, authorize, admin sign-in and consent, code for tokens, SCIM calls, refresh', async () => {
    const { server } = t;
    const metaRes = await fetch(`${server.origin}/.well-known/oauth-authorization-server/tenants/acme`);
    const meta = (await metaRes.json()) as Record<string, unknown>;
    assert.equal(meta.issuer, `${server.origin}/tenants/acme`);
    assert.equal(meta.authorization_endpoint, oauthUrl('authorize'));
    assert.equal(meta.token_endpoint, oauthUrl('token'));
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    // Supported by the server, though only for clients registered for it.
    assert.deepEqual(meta.grant_types_supported, [
      'authorization_code',
      'refresh_token',
      'client_credentials',
    ]);
    const appended = await fetch(`${server.origin}/tenants/acme/.well-known/oauth-authorization-server`);
    assert.deepEqual(await appended.json(), meta);

    const { res, html } = await openAuthorize({
      response_type: 'code',
      client_id: client.id,
      redirect_uri: REDIRECT,
      state: 's',
    });
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html, /Allow Okta to provision users of acme\?/);
    assert.match(res.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Strict/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');

    const { location, verifier, code } = await authorizationCode('xyz-123');
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'xyz-123');

    const issued = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    assert.equal(issued.headers.get('cache-control'), 'no-store');
    assert.equal(issued.body.token_type, 'Bearer');
    assert.equal(Number(issued.body.expires_in), 3600);
    assert.match(issued.body.access_token ?? '', /^scimat_/);
    assert.match(issued.body.refresh_token ?? '', /^scimrt_/);

    const scim = scimClient(server.base, issued.body.access_token ?? '');
    assert.equal((await scim.get('/Users?count=1')).status, 200);
    const created = await scim.post('/Users', oktaUser('docuware@example.com'));
    assert.equal(created.status, 201);
    const event = (await server.store.forTenant(ACME).audit.list(0, 1000)).find(
      (e) => e.resourceId === created.body.id,
    );
    assert.deepEqual(event?.actor, { kind: 'oauth', id: client.id, name: 'Okta for dw-admin' });

    // Refresh with client_secret_post this time: a new pair; the old access token lives out its hour.
    const refreshed = await token(
      { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token ?? '' },
      'post',
    );
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.notEqual(refreshed.body.refresh_token, issued.body.refresh_token);
    const renewed = scimClient(server.base, refreshed.body.access_token ?? '');
    assert.equal((await renewed.get('/Users')).status, 200);

    // Replaying the spent refresh token revokes the whole family.
    const replay = await token({
      grant_type: 'refresh_token',
      refresh_token: issued.body.refresh_token ?? '',
    });
    assert.deepEqual([replay.status, replay.body.error], [400, 'invalid_grant']);
    expectScimError(await renewed.get('/Users'), 401);
    expectScimError(await scim.get('/Users'), 401);
    const afterReplay = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token ?? '',
    });
    assert.equal(afterReplay.body.error, 'invalid_grant');
  });

  test('a code works once, with its verifier and redirect URI; a second use revokes what the first gave', async () => {
    const { location: _, verifier, code } = await authorizationCode();
    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    assert.deepEqual([wrongVerifier.status, wrongVerifier.body.error], [400, 'invalid_grant']);
    const noRedirect = await token({ grant_type: 'authorization_code', code, code_verifier: verifier });
    assert.equal(noRedirect.body.error, 'invalid_grant');
    const ok = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    assert.equal(ok.status, 200);
    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    assert.equal(again.body.error, 'invalid_grant');
    expectScimError(await scimClient(t.server.base, ok.body.access_token ?? '').get('/Users'), 401);
  });

  test('the consent form posts to an absolute path, so it works from /oauth/authorize/ too', async () => {
    const params = { response_type: 'code', client_id: client.id, redirect_uri: REDIRECT, state: 'slash' };
    const page = `${oauthUrl('authorize')}/?${new URLSearchParams(params)}`;
    const res = await fetch(page, { redirect: 'manual' });
    const html = await res.text();
    assert.equal(res.status, 200, html);
    assert.match(res.headers.get('content-security-policy') ?? '', /form-action 'self'/);
    const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1] ?? '';
    assert.equal(action, '/tenants/acme/oauth/authorize');
    // Where a browser would post it: the action resolved against the page's URL.
    const post = await fetch(new URL(decodeHtml(action), page), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      },
      body: new URLSearchParams({
        ...hiddenFields(html),
        username: 'dw-admin',
        password: PASSWORD,
        decision: 'allow',
      }),
    });
    assert.equal(post.status, 302);
    const back = new URL(post.headers.get('location') ?? '');
    assert.deepEqual([back.searchParams.get('state'), back.searchParams.has('code')], ['slash', true]);
  });

  test('authorization requests: missing response_type, a challenge method alone; never a redirect before client and URI are known', async () => {
    const base = { response_type: 'code', client_id: client.id, redirect_uri: REDIRECT, state: 'st' };
    const errorOf = (res: Response) => {
      const at = new URL(res.headers.get('location') ?? '');
      assert.equal(`${at.origin}${at.pathname}`, REDIRECT);
      return [res.status, at.searchParams.get('error'), at.searchParams.get('state')];
    };
    const { response_type: _, ...noType } = base;
    assert.deepEqual(errorOf((await openAuthorize(noType)).res), [302, 'invalid_request', 'st']);
    const methodAlone = await openAuthorize({ ...base, code_challenge_method: 'S256' });
    assert.deepEqual(errorOf(methodAlone.res), [302, 'invalid_request', 'st']);
    // Each error above is told on our own page when the client or the redirect URI is not known good.
    for (const params of [
      { ...noType, client_id: 'unknown' },
      { ...noType, redirect_uri: 'https://evil.example.com/callback' },
      { ...base, code_challenge_method: 'S256', client_id: 'unknown' },
    ]) {
      const { res } = await openAuthorize(params);
      assert.deepEqual([res.status, res.headers.get('location')], [400, null], JSON.stringify(params));
    }
  });

  test('a code issued without PKCE refuses a code_verifier (RFC 9700 §2.1.1)', async () => {
    const params = { response_type: 'code', client_id: client.id, redirect_uri: REDIRECT, state: 's' };
    const { post } = await consent(params, { username: 'dw-admin', password: PASSWORD });
    const code = new URL(post.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const grant = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const withVerifier = await token({ ...grant, code_verifier: pkce().verifier });
    assert.deepEqual([withVerifier.status, withVerifier.body.error], [400, 'invalid_grant']);
    assert.equal((await token(grant)).status, 200);
  });

  test('redirect_uri at the token endpoint must match only when the authorization request had one', async () => {
    // Okta may leave redirect_uri out of the authorization request (the client has one registered) and
    // still send it with the code (RFC 6749 §4.1.3).
    const params = { response_type: 'code', client_id: client.id, state: 's' };
    const codeOf = async () => {
      const { post } = await consent(params, { username: 'dw-admin', password: PASSWORD });
      assert.equal(new URL(post.headers.get('location') ?? '').origin, new URL(REDIRECT).origin);
      return new URL(post.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const withUri = await token({
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: REDIRECT,
    });
    assert.equal(withUri.status, 200, JSON.stringify(withUri.body));
    assert.equal((await token({ grant_type: 'authorization_code', code: await codeOf() })).status, 200);
    const other = await token({
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: 'https://evil.example.com/callback',
    });
    assert.deepEqual([other.status, other.body.error], [400, 'invalid_grant']);
  });

  test('the consent page: wrong password, missing CSRF cookie, deny, bad requests', async () => {
    const base = { response_type: 'code', client_id: client.id, redirect_uri: REDIRECT, state: 'st' };
    const wrong = await consent(base, { username: 'dw-admin', password: 'nope nope nope' });
    assert.equal(wrong.post.status, 401);
    assert.match(wrong.html, /username or password is wrong/);
    assert.ok(!wrong.html.includes('nope nope nope'), 'the password is not echoed');

    const { html } = await openAuthorize(base);
    const noCookie = await fetch(oauthUrl('authorize'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...hiddenFields(html),
        username: 'dw-admin',
        password: PASSWORD,
      }).toString(),
    });
    assert.equal(noCookie.status, 403, 'a form posted without its CSRF cookie is refused');

    const denied = await consent(base, { username: '', password: '' }, 'deny');
    const deniedAt = new URL(denied.post.headers.get('location') ?? '');
    assert.equal(deniedAt.searchParams.get('error'), 'access_denied');
    assert.equal(deniedAt.searchParams.get('state'), 'st');

    const implicit = await openAuthorize({ ...base, response_type: 'token' });
    assert.equal(implicit.res.status, 302);
    assert.equal(
      new URL(implicit.res.headers.get('location') ?? '').searchParams.get('error'),
      'unsupported_response_type',
    );
    const unknownScope = await openAuthorize({ ...base, scope: 'scim admin:all' });
    const scopeError = new URL(unknownScope.res.headers.get('location') ?? '').searchParams;
    assert.deepEqual([scopeError.get('error'), scopeError.get('state')], ['invalid_scope', 'st']);
    const plain = await openAuthorize({
      ...base,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'plain',
    });
    assert.equal(
      new URL(plain.res.headers.get('location') ?? '').searchParams.get('error'),
      'invalid_request',
    );

    // Never redirect to an unregistered URI or for an unknown client: say so on our own page.
    for (const params of [
      { ...base, redirect_uri: 'https://evil.example.com/callback' },
      { ...base, redirect_uri: `${REDIRECT}/` },
      { ...base, client_id: 'unknown' },
    ]) {
      const res = await openAuthorize(params);
      assert.equal(res.res.status, 400);
      assert.equal(res.res.headers.get('location'), null);
    }
  });

  test('token endpoint errors follow RFC 6749 §5.2', async () => {
    const wrongSecret = await token({ grant_type: 'client_credentials' }, 'basic', `${secret}x`);
    assert.deepEqual([wrongSecret.status, wrongSecret.body.error], [401, 'invalid_client']);
    assert.match(wrongSecret.headers.get('www-authenticate') ?? '', /^Basic /);
    const noAuth = await fetch(oauthUrl('token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(noAuth.status, 401);
    assert.equal((await token({ grant_type: 'password' })).body.error, 'unsupported_grant_type');
    assert.equal((await token({})).body.error, 'invalid_request');
    assert.equal((await token({ grant_type: 'authorization_code' })).body.error, 'invalid_request');
    assert.equal(
      (await token({ grant_type: 'authorization_code', code: 'made-up' })).body.error,
      'invalid_grant',
    );
    assert.equal(
      (await token({ grant_type: 'client_credentials', scope: 'admin' }, 'post', ccSecret, ccClient.id)).body
        .error,
      'invalid_scope',
    );
    assert.ok(!JSON.stringify(wrongSecret.body).includes(secret));
  });

  test('no token endpoint answer may be cached, errors included (RFC 6749 §5.1)', async () => {
    const noAuth = await fetch(oauthUrl('token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const answers = [
      ['issued', await token({ grant_type: 'client_credentials' }, 'basic', ccSecret, ccClient.id)],
      ['invalid_client', await token({ grant_type: 'client_credentials' }, 'basic', `${secret}x`)],
      ['no client authentication', { status: noAuth.status, headers: noAuth.headers }],
      ['missing grant_type', await token({})],
      ['unsupported_grant_type', await token({ grant_type: 'password' })],
      ['invalid_grant', await token({ grant_type: 'authorization_code', code: 'made-up' })],
    ] as const;
    for (const [what, res] of answers) {
      assert.equal(res.headers.get('cache-control'), 'no-store', what);
      assert.equal(res.headers.get('pragma'), 'no-cache', what);
    }
    assert.deepEqual(
      answers.map(([, res]) => res.status),
      [200, 401, 401, 400, 400, 400],
    );
  });

  test('a form body over 1 MB is 413, not a server error', async () => {
    const huge = new URLSearchParams({ grant_type: 'client_credentials', pad: 'x'.repeat(1024 * 1024 + 1) });
    for (const path of ['token', 'revoke', 'authorize']) {
      const res = await fetch(oauthUrl(path), {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: basicAuth(client.id, secret),
        },
        body: huge.toString(),
      });
      assert.equal(res.status, 413, path);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_request', path);
    }
  });

  test('client credentials only for a client registered for them (RFC 6749 §5.2 unauthorized_client)', async () => {
    // Okta's authorization-code client must not turn its secret alone into a write token.
    for (const auth of ['basic', 'post'] as const) {
      const refused = await token({ grant_type: 'client_credentials' }, auth);
      assert.deepEqual([refused.status, refused.body.error], [400, 'unauthorized_client'], auth);
      assert.equal(refused.body.access_token, undefined);
    }
    const allowed = await token({ grant_type: 'client_credentials' }, 'basic', ccSecret, ccClient.id);
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
  });

  test('client credentials: an access token for the client itself, no refresh token; revocation', async () => {
    const { server } = t;
    const issued = await token({ grant_type: 'client_credentials' }, 'post', ccSecret, ccClient.id);
    assert.equal(issued.status, 200);
    assert.equal(issued.body.refresh_token, undefined);
    const scim = scimClient(server.base, issued.body.access_token ?? '');
    const created = await scim.post('/Users', oktaUser('cc@example.com'));
    assert.equal(created.status, 201);
    const event = (await server.store.forTenant(ACME).audit.list(0, 1000)).find(
      (e) => e.resourceId === created.body.id,
    );
    assert.deepEqual(event?.actor, { kind: 'oauth', id: ccClient.id, name: 'Sync job' });
    expectScimError(
      await scimClient(`${server.origin}/tenants/globex/scim/v2`, issued.body.access_token ?? '').get(
        '/Users',
      ),
      401,
    );

    const revoke = (value: string) =>
      fetch(oauthUrl('revoke'), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: basicAuth(ccClient.id, ccSecret),
        },
        body: new URLSearchParams({ token: value, token_type_hint: 'access_token' }).toString(),
      });
    assert.equal(
      (await revoke('scimat_unknown')).status,
      200,
      'an unknown token is not an error (RFC 7009 §2.2)',
    );
    assert.equal((await revoke(issued.body.access_token ?? '')).status, 200);
    expectScimError(await scim.get('/Users'), 401);
  });

  test('the audit trail: a grant is its consenting admin’s, a replay’s revocation and an RFC 7009 one the client’s; no secrets', async () => {
    const { server } = t;
    const audit = server.store.forTenant(ACME).audit;
    const before = (await audit.list(0, 1000)).at(-1)?.seq ?? 0;
    const grantOf = async (value: string | undefined) =>
      (await server.store.forTenant(ACME).oauth.findToken(sha256(value ?? '')))?.grant.id;
    const exchange = async () => {
      const { verifier, code } = await authorizationCode();
      const fields = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      };
      const issued = await token(fields);
      assert.equal(issued.status, 200);
      return { fields, issued, grant: await grantOf(issued.body.access_token) };
    };

    // A family whose spent refresh token is replayed (twice: the second finds it revoked already).
    const family = await exchange();
    const spent = { grant_type: 'refresh_token', refresh_token: family.issued.body.refresh_token ?? '' };
    const refreshed = await token(spent);
    assert.equal(refreshed.status, 200, 'a rotation is a use, not a change: it records nothing');
    for (let i = 0; i < 2; i++) assert.equal((await token(spent)).body.error, 'invalid_grant');
    // A code redeemed twice.
    const reused = await exchange();
    assert.equal((await token(reused.fields)).body.error, 'invalid_grant');
    // A client revoking its own token (RFC 7009).
    const own = await token({ grant_type: 'client_credentials' }, 'post', ccSecret, ccClient.id);
    const revoked = await fetch(oauthUrl('revoke'), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basicAuth(ccClient.id, ccSecret),
      },
      body: new URLSearchParams({ token: own.body.access_token ?? '' }).toString(),
    });
    assert.equal(revoked.status, 200);

    const events = await audit.list(before, 1000);
    const admin = { kind: 'admin', id: dwAdmin.id, name: 'dw-admin' };
    const okta = { kind: 'oauth', id: client.id, name: 'Okta' };
    const job = { kind: 'oauth', id: ccClient.id, name: 'Sync job' };
    assert.deepEqual(
      events.map((e) => [e.actor, e.action, e.resourceType, e.resourceId, e.version]),
      [
        [admin, 'consent', 'OAuthGrant', family.grant, undefined],
        [okta, 'revoke-on-reuse', 'OAuthGrant', family.grant, undefined],
        [admin, 'consent', 'OAuthGrant', reused.grant, undefined],
        [okta, 'revoke-on-reuse', 'OAuthGrant', reused.grant, undefined],
        [job, 'revoke', 'OAuthGrant', await grantOf(own.body.access_token), undefined],
      ],
    );
    const recorded = JSON.stringify(events);
    for (const value of [
      family.issued.body.access_token,
      family.issued.body.refresh_token,
      refreshed.body.refresh_token,
      reused.fields.code,
      own.body.access_token,
      secret,
      ccSecret,
      PASSWORD,
    ])
      assert.ok(value && !recorded.includes(value), 'no token, code, secret or password is recorded');
  });

  test('NUL in any parameter or client credential is refused before a lookup (PostgreSQL cannot hold it)', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(oauthUrl(path), {
        method: 'POST',
        redirect: 'manual',
        headers: { ...form, ...headers },
        body: new URLSearchParams(fields),
      });
    const answer = async (res: Response) =>
      [res.status, ((await res.json()) as { error: string }).error, res.headers.get('location')] as const;
    const creds = { client_id: client.id, client_secret: secret };
    const basic = { Authorization: basicAuth(client.id, secret) };
    const cases: [string, Promise<Response>, number, string][] = [
      [
        'token: client_id',
        post('token', { ...creds, client_id: `${client.id}\0`, grant_type: 'x' }),
        401,
        'invalid_client',
      ],
      [
        'token: client_secret',
        post('token', { ...creds, client_secret: `${secret}\0`, grant_type: 'x' }),
        401,
        'invalid_client',
      ],
      [
        'token: Basic user',
        post('token', { grant_type: 'x' }, { Authorization: basicAuth(`${client.id}\0`, secret) }),
        401,
        'invalid_client',
      ],
      [
        'token: Basic %00',
        post('token', { grant_type: 'x' }, { Authorization: basicAuth(`${client.id}%00`, secret) }),
        401,
        'invalid_client',
      ],
      [
        'token: grant_type',
        post('token', { grant_type: 'authorization_code\0' }, basic),
        400,
        'invalid_request',
      ],
      [
        'token: code',
        post('token', { grant_type: 'authorization_code', code: 'c\0' }, basic),
        400,
        'invalid_request',
      ],
      [
        'token: refresh_token',
        post('token', { grant_type: 'refresh_token', refresh_token: 'r\0' }, basic),
        400,
        'invalid_request',
      ],
      [
        'revoke: client_id',
        post('revoke', { ...creds, client_id: `${client.id}\0`, token: 't' }),
        401,
        'invalid_client',
      ],
      ['revoke: token', post('revoke', { token: 'scimat_\0' }, basic), 400, 'invalid_request'],
      [
        'authorize POST: client_id',
        post('authorize', { response_type: 'code', client_id: `${client.id}\0` }),
        400,
        'invalid_request',
      ],
      [
        // With its CSRF cookie and token, so the sign-in would look the username up.
        'authorize POST: username',
        consent(
          { response_type: 'code', client_id: client.id, redirect_uri: REDIRECT },
          { username: 'dw-admin\0', password: PASSWORD },
        ).then(({ post, html }) => new Response(html, { status: post.status, headers: post.headers })),
        400,
        'invalid_request',
      ],
      [
        'authorize GET: client_id',
        fetch(
          `${oauthUrl('authorize')}?${new URLSearchParams({ response_type: 'code', client_id: `${client.id}\0` })}`,
          { redirect: 'manual' },
        ),
        400,
        'invalid_request',
      ],
    ];
    for (const [what, res, status, error] of cases)
      assert.deepEqual(await answer(await res), [status, error, null], what);
    // Still alive and well afterwards.
    assert.equal(
      (await token({ grant_type: 'client_credentials' }, 'basic', ccSecret, ccClient.id)).status,
      200,
    );
  });
});
