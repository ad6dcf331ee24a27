// What `scimitar check` says when it cannot run, or is refused.
import assert from 'node:assert/strict';
import type http from 'node:http';
import { describe, test } from 'node:test';
import { runCliAsync } from '../support/cli.ts';
import { useServer } from '../support/server.ts';
import { listen } from './fixtures/listen.ts';

const t = useServer();
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('scimitar check usage', () => {
  test('an unreachable URL says so and exits 2', async () => {
    const gone = await listen(() => {});
    await gone.close(); // a port the system just handed out, with nothing listening on it any more
    const run = await runCliAsync(['check', `${gone.origin}/scim/v2`, '--token', 'x']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `scimitar check: cannot reach ${gone.origin}/scim/v2: ECONNREFUSED\n`);
  });

  test('a server that accepts connections but never answers is unreachable too', async () => {
    const silent = await listen(() => {});
    const run = await runCliAsync([
      'check',
      `${silent.origin}/scim/v2`,
      '--token',
      'x',
      '--timeout',
      '300ms',
    ]);
    await silent.close();
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `scimitar check: cannot reach ${silent.origin}/scim/v2: no answer within 0.3 s\n`,
    );
  });

  test('a step that gets no answer in time fails, and the run goes on', async () => {
    // Answers Okta's connection test, hangs on the first lookup, refuses the rest at once. The timeout is
    // generous so that a loaded machine does not time out the answered requests too.
    let hung: http.ServerResponse | undefined;
    const slow = await listen((req, res) => {
      if (req.url?.includes('filter=') && !hung) {
        hung = res;
        return;
      }
      const list = { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };
      res.writeHead(req.url?.startsWith('/Users?startIndex=1&count=2') ? 200 : 500, {
        'Content-Type': 'application/scim+json',
      });
      res.end(JSON.stringify(list));
    });
    const args = ['--token', 'x', '--profile', 'okta', '--timeout', '1s', '--json'];
    const run = await runCliAsync(['check', slow.origin, ...args]);
    await slow.close();
    assert.equal(run.code, 1, run.stderr);
    const [connection, lookup, create] = JSON.parse(run.stdout).profiles[0].steps;
    assert.equal(connection.outcome, 'passed');
    assert.deepEqual([lookup.outcome, lookup.problems], ['failed', ['no answer within 1 s']]);
    assert.deepEqual([create.outcome, create.problems], ['failed', ['status is 500, expected 201']]);
  });

  test('a missing token, a bad URL or an unknown profile exit 2', async () => {
    const noToken = await runCliAsync(['check', t.server.base], { SCIMITAR_CHECK_TOKEN: undefined });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /a token is needed: --token T, or SCIMITAR_CHECK_TOKEN/);
    const badUrl = await runCliAsync(['check', 'example.com/scim', '--token', 'x']);
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /invalid URL 'example\.com\/scim'/);
    const query = await runCliAsync(['check', `${t.server.base}?aadOptscim062020`, '--token', 'x']);
    assert.equal(query.code, 2);
    assert.match(query.stderr, /without a query/);
    const profile = await runCliAsync(['check', t.server.base, '--token', 'x', '--profile', 'onelogin']);
    assert.equal(profile.code, 2);
    assert.match(profile.stderr, /argument 'onelogin' is invalid/);
  });

  test('a wrong token fails the connection test with a hint, and the rest is skipped', async () => {
    const run = await runCliAsync([
      'check',
      t.server.base,
      '--token',
      'scim_wrong',
      '--profile',
      'okta',
      '--json',
    ]);
    assert.equal(run.code, 1);
    const [profile] = JSON.parse(run.stdout).profiles;
    const [connection, ...rest] = profile.steps;
    assert.equal(connection.name, 'connection test: GET /Users?startIndex=1&count=2');
    assert.equal(connection.outcome, 'failed');
    assert.equal(connection.response.status, 401);
    assert.deepEqual(connection.problems, ['status is 401, expected 200']);
    assert.match(connection.hint, /A 401 means the token was refused: check --token/);
    assert.ok(rest.length > 0);
    for (const step of rest)
      assert.deepEqual([step.outcome, step.reason], ['skipped', 'the server refused the credentials (401)']);
  });
});
