import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { exited, runCli, spawnServe, tempDatabase } from '../support/cli.ts';

const ADMIN_PASSWORD = 'the admin password 7Q';
const SYNCED_PASSWORD = 'x8Kq2mP0-okta-sent';
const WRONG_SECRET = 'scimcs_wrong-secret-guess';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('no issued secret or password reaches the database, its WAL or the log', async () => {
  const database = tempDatabase();
  const db = ['--database', database];
  runCli(['tenant', 'create', 'acme', ...db]);
  runCli(['admin', 'create', '--tenant', 'acme', '--username', 'ann', '--password-stdin', ...db], {
    input: `${ADMIN_PASSWORD}\n`,
  });
  const token = runCli(['token', 'create', '--tenant', 'acme', '--name', 'okta', ...db]).stdout.trim();
  const redirect = 'http://127.0.0.1:9/callback';
  const client = JSON.parse(
    runCli([
      'oauth-client',
      'create',
      '--tenant',
      'acme',
      '--name',
      'okta',
      '--redirect-uri',
      redirect,
      '--json',
      ...db,
    ]).stdout,
  );
  const server = await spawnServe(database, [], { SCIMITAR_LOG_LEVEL: 'info' });
  const operatorPassword = /password: (\S+)/.exec(server.output())?.[1] ?? '';
  const scim = `${server.origin}/tenants/acme/scim/v2`;
  const call = (authorization: string, body?: unknown) =>
    fetch(`${scim}/Users`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: authorization, 'Content-Type': 'application/scim+json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'u@example.com',
    password: SYNCED_PASSWORD,
  };
  assert.equal((await call(`Bearer ${token}`, user)).status, 201);
  const basic = `Basic ${Buffer.from(`ann:${ADMIN_PASSWORD}`).toString('base64')}`;
  assert.equal((await call(basic)).status, 200);
  assert.equal((await call(`Basic ${Buffer.from(`ann:${WRONG_SECRET}`).toString('base64')}`)).status, 401);

  const jwt = (await (
    await fetch(
      `${server.origin}/tenants/acme/auth/token`,
      form({ username: 'ann', password: ADMIN_PASSWORD }),
    )
  ).json()) as { access_token: string };
  assert.equal((await call(`Bearer ${jwt.access_token}`)).status, 200);

  const authorize = `${server.origin}/tenants/acme/oauth/authorize`;
  const page = await fetch(`${authorize}?response_type=code&client_id=${client.id}&state=s1`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const consent = await fetch(authorize, {
    ...form({
      response_type: 'code',
      client_id: client.id,
      state: 's1',
      csrf,
      username: 'ann',
      password: ADMIN_PASSWORD,
    }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
  });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokenUrl = `${server.origin}/tenants/acme/oauth/token`;
  const creds = { client_id: client.id, client_secret: client.clientSecret };
  const issued = (await (
    await fetch(tokenUrl, form({ ...creds, grant_type: 'authorization_code', code }))
  ).json()) as Record<string, string>;
  assert.equal((await call(`Bearer ${issued.access_token}`)).status, 200);
  const refreshed = (await (
    await fetch(
      tokenUrl,
      form({ ...creds, grant_type: 'refresh_token', refresh_token: issued.refresh_token ?? '' }),
    )
  ).json()) as Record<string, string>;
  assert.ok(refreshed.access_token);
  assert.equal(
    (
      await fetch(
        tokenUrl,
        form({ client_id: client.id, client_secret: WRONG_SECRET, grant_type: 'client_credentials' }),
      )
    ).status,
    401,
  );

  const login = await fetch(`${server.origin}/tenants/acme/admin/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: ADMIN_PASSWORD }),
  });
  const session = /scimitar_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';

  server.child.kill('SIGTERM');
  await exited(server.child);
  const secrets = {
    ADMIN_PASSWORD,
    SYNCED_PASSWORD,
    WRONG_SECRET,
    operatorPassword,
    token,
    clientSecret: client.clientSecret,
    jwt: jwt.access_token,
    code,
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    refreshed: refreshed.refresh_token,
    session,
    csrf,
  };
  const logLines = server
    .log()
    .split('\n')
    .filter((line) => line.startsWith('{'));
  assert.ok(logLines.length > 10, 'the server logged its requests');
  const places = {
    log: logLines.join('\n'),
    database: readFileSync(database).toString('latin1'),
    wal: existsSync(`${database}-wal`) ? readFileSync(`${database}-wal`).toString('latin1') : '',
  };
  assert.ok(
    places.database.includes('u@example.com') || places.wal.includes('u@example.com'),
    'the files were read',
  );
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(secret && secret.length >= 8, `${name} was issued`);
    for (const [place, text] of Object.entries(places))
      assert.ok(!text.includes(secret as string), `${name} found in the ${place}`);
  }
});

test("filter values, well-formed or not, never reach the log; the filter's shape does", async () => {
  const database = tempDatabase();
  runCli(['tenant', 'create', 'acme', '--database', database]);
  const token = runCli([
    'token',
    'create',
    '--tenant',
    'acme',
    '--name',
    'okta',
    '--database',
    database,
  ]).stdout.trim();
  const server = await spawnServe(database, [], { SCIMITAR_LOG_LEVEL: 'info' });
  const values = [
    'hunter2-in-a-filter',
    'ada.lovelace@example.org',
    'Lovelace-Byron',
    '1815-12-10T00:00:00Z',
    '31415926',
  ];
  const filters = [
    `password eq "${values[0]}"`,
    `emails[type eq "work" and value eq "${values[1]}"] or name.familyName sw "${values[2]}"`,
    `meta.created gt "${values[3]}"`,
    `userName eq ${values[1]}`,
    `userName eq "${values[1]}`,
    `nope.attr eq "${values[2]}" and x eq ${values[4]}`,
    `meta.created gt "${values[2]}"`,
  ];
  for (const filter of filters) {
    const res = await fetch(
      `${server.origin}/tenants/acme/scim/v2/Users?filter=${encodeURIComponent(filter)}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    await res.arrayBuffer();
  }
  server.child.kill('SIGTERM');
  await exited(server.child);
  const log = server.log();
  assert.match(log, /filter=emails%5Btype\+eq\+%22%E2%80%A6%22/, 'the shape of the filter is logged');
  for (const value of values) assert.ok(!log.includes(value), `${value} found in the log`);
});
