import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { exited, runCli, spawnServe, tempDatabase } from '../support/cli.ts';

describe('scimitar serve', () => {
  test('on a new database it creates tenant default and prints, once, a working token and a curl line', async () => {
    const database = tempDatabase();
    const first = await spawnServe(database);
    const out = first.output();
    const token = /API token: +(scim_\S+)/.exec(out)?.[1];
    assert.ok(token, out);
    assert.match(out, new RegExp(`SCIM base URL: +${first.origin}/tenants/default/scim/v2`));
    const curl = /curl -H 'Authorization: Bearer (\S+)' '([^']+)'/.exec(out);
    assert.equal(curl?.[1], token);
    assert.match(out, /username: operator\n +password: \S{20,}/, 'the operator password, once');
    const res = await fetch(curl?.[2] ?? '', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { totalResults: number }).totalResults, 0);
    first.child.kill('SIGTERM');
    assert.equal(await exited(first.child), 0, 'SIGTERM shuts down cleanly');

    const second = await spawnServe(database);
    assert.doesNotMatch(second.output(), /scim_/, 'a later start never prints a token');
    assert.doesNotMatch(second.output(), /password/, 'nor a password');
    assert.match(second.output(), /tenants\/default\/scim\/v2/);
    assert.match(second.output(), /scimitar token create/);
    const again = await fetch(`${second.origin}/tenants/default/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(again.status, 200, 'the first token still works after a restart');
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  test('SIGTERM lets an in-flight request finish before exiting', async () => {
    const server = await spawnServe(tempDatabase());
    const token = /API token: +(scim_\S+)/.exec(server.output())?.[1] ?? '';
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'inflight@example.com',
    });
    // Send the headers and half the body, signal, then the rest: the request is surely in flight.
    const request = http.request(`${server.origin}/tenants/default/scim/v2/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/scim+json',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    const response = new Promise<number>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 20));
    await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    request.end(body.slice(20));
    assert.equal(await response, 201);
    assert.equal(await exited(server.child), 0);
  });
});

describe('scimitar --version', () => {
  test("prints the package's version alone, as -v too", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = runCli([flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${version}\n`);
    }
  });
});

interface Outcome {
  readonly reused: boolean;
  readonly status?: number;
  readonly connection?: string | undefined;
  readonly retryAfter?: string | undefined;
  readonly body?: string;
  readonly error?: string | undefined;
}

/** One GET on `agent`, saying whether it went out on a kept-alive connection and what came back. */
function getOn(agent: http.Agent, url: string, token: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          reused: request.reusedSocket,
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          retryAfter: res.headers['retry-after'],
          body,
        }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ reused: request.reusedSocket, error: error.code }),
    );
  });
}

describe('scimitar serve shutdown', () => {
  test('after SIGTERM readiness is 503 at once, and requests on kept-alive connections get 503 with Connection: close, never a reset', async () => {
    const server = await spawnServe(tempDatabase());
    const token = /API token: +(scim_\S+)/.exec(server.output())?.[1] ?? '';
    const url = `${server.origin}/tenants/default/scim/v2/Users`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    // Four IdP connections sending back to back, each until its first answer that is not a 200.
    const clients = [0, 1, 2, 3].map(async () => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 5_000; i++) {
        const outcome = await getOn(agent, url, token);
        outcomes.push(outcome);
        if (outcome.status !== 200) break;
      }
      return outcomes;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    let ready: Response | undefined;
    for (let i = 0; i < 100 && ready?.status !== 503; i++) {
      ready = await fetch(`${server.origin}/readyz`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(ready?.status, 503, 'readiness turns 503 while the server still answers');
    assert.deepEqual(await ready?.json(), { status: 'closing' });
    const outcomes = (await Promise.all(clients)).flat();
    agent.destroy();
    assert.equal(await exited(server.child), 0);

    assert.deepEqual(
      outcomes.filter((o) => o.error !== undefined && (o.reused || o.error !== 'ECONNREFUSED')),
      [],
      'no kept-alive connection was reset (only a new one may be refused once the server stops listening)',
    );
    const answered = outcomes.filter((o) => o.status !== undefined);
    assert.ok(answered.filter((o) => o.status === 200).length >= 4, 'served before SIGTERM');
    const refused = answered.filter((o) => o.status !== 200);
    assert.ok(
      refused.some((o) => o.reused),
      'a request on a kept-alive connection was answered 503',
    );
    for (const o of refused) {
      assert.equal(o.status, 503);
      assert.equal(o.connection, 'close');
      assert.match(o.retryAfter ?? '', /^[1-9]\d*$/);
      assert.equal(JSON.parse(o.body ?? '').status, '503');
    }
  });
});

describe('scimitar tenant', () => {
  test('create, list and delete (with --yes); refuses bad names, duplicates and unconfirmed deletes', () => {
    const db = ['--database', tempDatabase()];
    assert.equal(
      runCli(['tenant', 'create', 'acme', ...db]).stdout,
      [
        "Created tenant 'acme'.",
        '  SCIM base URL: http://127.0.0.1:8080/tenants/acme/scim/v2',
        'Next, give the IdP a credential: scimitar token create --tenant acme --name okta',
        '',
      ].join('\n'),
    );
    assert.equal(runCli(['tenant', 'create', 'globex', ...db]).code, 0);
    const dup = runCli(['tenant', 'create', 'acme', ...db]);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists/);
    const bad = runCli(['tenant', 'create', 'Bad_Name', ...db]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid tenant name/);
    assert.deepEqual(
      runCli(['tenant', 'list', ...db])
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
      ['acme', 'globex'],
    );
    const unconfirmed = runCli(['tenant', 'delete', 'globex', ...db]);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stderr, /--yes/);
    assert.equal(runCli(['tenant', 'delete', 'globex', '--yes', ...db]).code, 0);
    const listed = JSON.parse(runCli(['tenant', 'list', '--json', ...db]).stdout) as { id: string }[];
    assert.deepEqual(
      listed.map((t) => t.id),
      ['acme'],
    );
  });
});

describe('scimitar tenant policy', () => {
  const policyFile = (policy: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'scimitar-policy-')), 'policy.json');
    writeFileSync(path, JSON.stringify(policy));
    return path;
  };

  test('create --policy, get and set (from a file or stdin); a bad policy names its field and changes nothing', () => {
    const db = ['--database', tempDatabase()];
    const seed = resolve('examples/policies/condeco.json');
    const created = runCli([
      'tenant',
      'create',
      'condeco',
      '--policy',
      seed,
      '--public-url',
      'https://scim.example.com/',
      ...db,
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(
      created.stdout,
      /^Created tenant 'condeco' with its policy\.\n {2}SCIM base URL: https:\/\/scim\.example\.com\/tenants\/condeco\/scim\/v2\n/,
    );
    const get = (tenant: string) => JSON.parse(runCli(['tenant', 'policy', 'get', tenant, ...db]).stdout);
    assert.deepEqual(get('condeco'), JSON.parse(readFileSync(seed, 'utf8')));

    const bad = runCli([
      'tenant',
      'create',
      'globex',
      '--policy',
      policyFile({ formats: { country: 'iso' } }),
      ...db,
    ]);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'scimitar: /formats/country: must be one of "any", "iso3166-1-alpha-2"\n');
    assert.equal(runCli(['tenant', 'policy', 'get', 'globex', ...db]).code, 1, 'no tenant was created');

    const roles = { roles: { attribute: 'userType', allowed: ['Admin'], default: 'Admin' } };
    assert.equal(runCli(['tenant', 'policy', 'set', 'condeco', policyFile(roles), ...db]).code, 0);
    assert.deepEqual(get('condeco'), roles);
    const fromStdin = runCli(['tenant', 'policy', 'set', 'condeco', '-', ...db], { input: '{}' });
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.deepEqual(get('condeco'), {});

    const misspelt = runCli(['tenant', 'policy', 'set', 'condeco', policyFile({ lifecyle: {} }), ...db]);
    assert.equal(misspelt.stderr, 'scimitar: /lifecyle: is not a field of the policy\n');
    const notJson = runCli(['tenant', 'policy', 'set', 'condeco', '-', ...db], { input: '{' });
    assert.match(notJson.stderr, /^scimitar: the policy '-' is not JSON/);
    assert.equal(runCli(['tenant', 'policy', 'set', 'nope', policyFile({}), ...db]).code, 1);
    assert.deepEqual(get('condeco'), {}, 'refused policies change nothing');

    const audit = JSON.parse(runCli(['audit', 'list', '--tenant', 'condeco', '--json', ...db]).stdout);
    assert.deepEqual(
      audit.map((e: { action: string; resourceType: string; resourceId: string }) => [
        e.action,
        e.resourceType,
        e.resourceId,
      ]),
      [
        ['replace', 'Policy', 'condeco'],
        ['replace', 'Policy', 'condeco'],
        ['replace', 'Policy', 'condeco'],
      ],
    );
    assert.match(audit[0].actor.name, /^cli:/);
  });
});

describe('scimitar token', () => {
  test('create prints the token alone; list shows name, prefix and last use; revoke stops it', async () => {
    const database = tempDatabase();
    const db = ['--database', database];
    runCli(['tenant', 'create', 'acme', ...db]);
    const created = runCli(['token', 'create', '--tenant', 'acme', '--name', 'okta', ...db]);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^scim_[A-Za-z0-9_-]{43}$/, 'the raw token alone on stdout: 256 random bits');
    const json = JSON.parse(
      runCli(['token', 'create', '--tenant', 'acme', '--name', 'entra', '--json', ...db]).stdout,
    );
    assert.equal(json.name, 'entra');
    assert.match(json.token, /^scim_/);
    assert.equal(runCli(['token', 'create', '--tenant', 'nope', '--name', 'x', ...db]).code, 1);
    const expiring = JSON.parse(
      runCli(['token', 'create', '--tenant', 'acme', '--name', 'q', '--expires-in', '90d', '--json', ...db])
        .stdout,
    );
    const days = (Date.parse(expiring.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `expires in 90 days: ${expiring.expiresAt}`);
    assert.match(
      runCli(['token', 'create', '--tenant', 'acme', '--name', 'q', '--expires-in', '3w', ...db]).stderr,
      /--expires-in: invalid duration/,
    );

    const server = await spawnServe(database);
    const url = `${server.origin}/tenants/acme/scim/v2/Users`;
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    const list = runCli(['token', 'list', '--tenant', 'acme', ...db]).stdout;
    const okta = list.split('\n').find((line) => line.startsWith('okta\t')) ?? '';
    assert.match(okta, new RegExp(`^okta\\t${token.slice(0, 11)}…\\t\\S+\\t\\d{4}-`), 'last use is recorded');
    assert.match(okta, /\tlive\twrite\t127\.0\.0\.1\tnever$/, 'and the address it came from');
    assert.ok(!list.includes(token), 'the token itself is never listed');

    assert.equal(runCli(['token', 'revoke', 'okta', '--tenant', 'acme', ...db]).code, 0);
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 401);
    assert.equal(
      (await fetch(url, { headers: { Authorization: `Bearer ${json.token}` } })).status,
      200,
      'the other token lives on',
    );
    server.child.kill('SIGTERM');
    await exited(server.child);
  });
});
