import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import { describe, test } from 'node:test';
import { exited, runCli, spawnServe, tempDatabase } from '../support/cli.ts';

const PASSWORD = 'correct horse battery';

describe('scimitar admin', () => {
  test('create reads the password from stdin, list shows the accounts, usernames are unique case-folded', () => {
    const db = ['--database', tempDatabase()];
    runCli(['tenant', 'create', 'acme', ...db]);
    const create = (username: string, extra: string[] = [], input = `${PASSWORD}\n`) =>
      runCli(['admin', 'create', '--tenant', 'acme', '--username', username, ...extra, ...db], { input });

    const alice = create('Alice', ['--display-name', 'Alice Admin', '--password-stdin']);
    assert.equal(alice.code, 0, alice.stderr);
    assert.equal(alice.stdout.trim(), 'created admin Alice');
    const declaree = create('declaree', ['--kind', 'provisioning', '--password-stdin', '--json']);
    assert.equal(JSON.parse(declaree.stdout).kind, 'provisioning');

    const dup = create('ALICE', ['--password-stdin']);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already has an account named 'ALICE'/);
    assert.doesNotMatch(dup.stderr, /at /, 'a usage error, not a stack trace');
    const short = create('bob', ['--password-stdin'], 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 12 characters/);
    const noTty = create('carol');
    assert.equal(noTty.code, 1, 'without a terminal and without --password-stdin there is no password');
    assert.match(noTty.stderr, /--password-stdin/);
    assert.equal(create('dave', ['--password', PASSWORD]).code, 1, 'there is no --password flag');
    assert.equal(create('erin', ['--password-stdin'].concat(['--tenant', 'nope'])).code, 1);

    const listed = runCli(['admin', 'list', '--tenant', 'acme', ...db]).stdout;
    assert.match(listed, /^Alice\tadmin\tAlice Admin\t\d{4}-\S+\tactive$/m);
    assert.match(listed, /^declaree\tprovisioning\t\t\S+\tactive$/m);
    assert.ok(!listed.includes(PASSWORD));
    const json = JSON.parse(runCli(['admin', 'list', '--tenant', 'acme', '--json', ...db]).stdout);
    assert.deepEqual(
      json.map((a: { username: string }) => a.username),
      ['Alice', 'declaree'],
    );
    assert.ok(json.every((a: Record<string, unknown>) => !('passwordHash' in a)));

    const reset = runCli(
      ['admin', 'set-password', 'declaree', '--tenant', 'acme', '--password-stdin', ...db],
      {
        input: 'a brand new password\n',
      },
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(
      runCli(['admin', 'set-password', 'nobody', '--tenant', 'acme', '--password-stdin', ...db], {
        input: `${PASSWORD}\n`,
      }).code,
      1,
    );

    assert.equal(runCli(['admin', 'disable', 'alice', '--tenant', 'acme', ...db]).code, 0);
    assert.match(runCli(['admin', 'list', '--tenant', 'acme', ...db]).stdout, /^Alice\t.*\tdisabled \d{4}-/m);
    assert.equal(
      runCli(['admin', 'disable', 'alice', '--tenant', 'acme', ...db]).code,
      1,
      'already disabled',
    );
  });
});

describe('the operator account', () => {
  test('takes its password from SCIMITAR_OPERATOR_PASSWORD and then prints none', async () => {
    process.env.SCIMITAR_OPERATOR_PASSWORD = PASSWORD;
    try {
      const server = await spawnServe(tempDatabase());
      assert.match(server.output(), /operator account 'operator' with SCIMITAR_OPERATOR_PASSWORD/);
      assert.ok(!server.output().includes(PASSWORD));
      server.child.kill('SIGTERM');
      await exited(server.child);
    } finally {
      delete process.env.SCIMITAR_OPERATOR_PASSWORD;
    }
  });
});

describe('scimitar audit', () => {
  test('list shows each change with its actor', async () => {
    const database = tempDatabase();
    const db = ['--database', database];
    runCli(['tenant', 'create', 'acme', ...db]);
    const token = runCli(['token', 'create', '--tenant', 'acme', '--name', 'okta', ...db]).stdout.trim();
    const server = await spawnServe(database);
    const res = await fetch(`${server.origin}/tenants/acme/scim/v2/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'a@example.com',
      }),
    });
    const { id } = (await res.json()) as { id: string };
    server.child.kill('SIGTERM');
    await exited(server.child);
    const out = runCli(['audit', 'list', '--tenant', 'acme', ...db]).stdout;
    assert.match(out, /^1\t\d{4}-\S+\tcli:\S+\tcreate\tToken\/\S+\t-$/m, 'the token, made at the CLI');
    assert.match(out, new RegExp(`^2\\t\\d{4}-\\S+\\ttoken:okta\\tcreate\\tUser/${id}\\t1$`, 'm'));
    assert.equal(
      JSON.parse(runCli(['audit', 'list', '--tenant', 'acme', '--after', '2', '--json', ...db]).stdout)
        .length,
      0,
    );
  });
});

describe('credential changes at the CLI', () => {
  test('are in the audit trail as the OS user at the CLI, by id, without secrets', () => {
    const db = ['--database', tempDatabase()];
    const run = (args: string[], input?: string) => {
      const result = runCli([...args, '--tenant', 'acme', ...db], input === undefined ? {} : { input });
      assert.equal(result.code, 0, result.stderr);
      return result.stdout;
    };
    runCli(['tenant', 'create', 'acme', ...db]);
    const token = JSON.parse(run(['token', 'create', '--name', 'okta', '--json']));
    run(['token', 'revoke', 'okta']);
    const account = JSON.parse(
      run(['admin', 'create', '--username', 'ada', '--password-stdin', '--json'], `${PASSWORD}\n`),
    );
    run(['admin', 'set-password', 'ada', '--password-stdin'], 'another long password\n');
    run(['admin', 'disable', 'ada']);
    const kid = /new signing key (\S+)/.exec(run(['key', 'rotate']))?.[1];
    const client = JSON.parse(run(['oauth-client', 'create', '--name', 'okta', '--json']));
    run(['oauth-client', 'delete', client.id]);
    const hook = JSON.parse(run(['webhook', 'add', '--url', 'https://example.com/hook', '--json']));
    run(['webhook', 'remove', hook.id]);

    const listed = run(['audit', 'list', '--json']);
    const user = userInfo().username;
    const cli = { kind: 'cli', id: user, name: `cli:${user}` };
    assert.deepEqual(
      JSON.parse(listed).map((e: Record<string, unknown>) => [
        e.actor,
        e.action,
        e.resourceType,
        e.resourceId,
      ]),
      [
        [cli, 'create', 'Token', token.id],
        [cli, 'revoke', 'Token', token.id],
        [cli, 'create', 'Account', account.id],
        [cli, 'set-password', 'Account', account.id],
        [cli, 'disable', 'Account', account.id],
        [cli, 'rotate', 'SigningKey', kid],
        [cli, 'create', 'OAuthClient', client.id],
        [cli, 'delete', 'OAuthClient', client.id],
        [cli, 'create', 'WebhookEndpoint', hook.id],
        [cli, 'delete', 'WebhookEndpoint', hook.id],
      ],
    );
    for (const secret of [token.token, PASSWORD, 'another long password', client.clientSecret, hook.secret])
      assert.ok(secret && !listed.includes(secret), 'no token, password or secret is recorded');
    const table = run(['audit', 'list']);
    assert.match(table, new RegExp(`^1\\t\\S+\\tcli:${user}\\tcreate\\tToken/${token.id}\\t-$`, 'm'));
  });
});

describe('scimitar key', () => {
  test('rotate makes a new live key and retires the old; list never shows key material', () => {
    const db = ['--database', tempDatabase()];
    runCli(['tenant', 'create', 'acme', ...db]);
    const first = runCli(['key', 'rotate', '--tenant', 'acme', ...db]).stdout.match(
      /new signing key (\S+)/,
    )?.[1];
    const second = runCli(['key', 'rotate', '--tenant', 'acme', ...db]).stdout.match(
      /new signing key (\S+)/,
    )?.[1];
    assert.ok(first && second && first !== second);
    const keys = JSON.parse(runCli(['key', 'list', '--tenant', 'acme', '--json', ...db]).stdout);
    assert.deepEqual(
      keys.map((k: { kid: string; retiredAt?: string }) => [k.kid, k.retiredAt === undefined]),
      [
        [first, false],
        [second, true],
      ],
    );
    assert.ok(keys.every((k: Record<string, unknown>) => !('secret' in k)));
    assert.equal(runCli(['key', 'rotate', '--tenant', 'nope', ...db]).code, 1);
  });
});

describe('scimitar oauth-client', () => {
  test('create prints the id and secret once; list shows exact redirect URIs; delete removes it', () => {
    const db = ['--database', tempDatabase()];
    runCli(['tenant', 'create', 'acme', ...db]);
    const uri =
      'https://system-admin.okta.com/admin/app/cpc/trial-5967756_oktascimintegration_1/oauth/callback';
    const created = runCli([
      'oauth-client',
      'create',
      '--tenant',
      'acme',
      '--name',
      'okta',
      '--redirect-uri',
      uri,
      ...db,
    ]);
    assert.equal(created.code, 0, created.stderr);
    const id = /client id: +(\S+)/.exec(created.stdout)?.[1] ?? '';
    const secret = /client secret: +(scimcs_\S+)/.exec(created.stdout)?.[1] ?? '';
    assert.ok(id && secret.length > 40);
    const listed = runCli(['oauth-client', 'list', '--tenant', 'acme', ...db]).stdout;
    const grants = 'authorization_code,refresh_token';
    assert.match(
      listed,
      new RegExp(`^${id}\\tokta\\t\\S+\\t${grants}\\t${uri.replace(/[.]/g, '\\.')}$`, 'm'),
    );
    assert.ok(!listed.includes(secret));
    const job = runCli([
      'oauth-client',
      'create',
      '--tenant',
      'acme',
      '--name',
      'job',
      '--client-credentials',
      '--json',
      ...db,
    ]);
    assert.equal(job.code, 0, job.stderr);
    assert.equal(JSON.parse(job.stdout).allowClientCredentials, true);
    const withJob = runCli(['oauth-client', 'list', '--tenant', 'acme', ...db]).stdout;
    assert.match(withJob, /\tjob\t\S+\tauthorization_code,refresh_token,client_credentials\t$/m);
    const insecure = runCli([
      'oauth-client',
      'create',
      '--tenant',
      'acme',
      '--name',
      'x',
      '--redirect-uri',
      'http://okta.com/cb',
      ...db,
    ]);
    assert.equal(insecure.code, 1);
    assert.match(insecure.stderr, /must use https/);
    assert.equal(runCli(['oauth-client', 'delete', id, '--tenant', 'acme', ...db]).code, 0);
    assert.equal(runCli(['oauth-client', 'delete', id, '--tenant', 'acme', ...db]).code, 1);
  });
});
