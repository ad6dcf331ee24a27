// The checker tested against a server with three known bugs (fixtures/broken-server.ts): it must name
// exactly the steps those bugs break, skip what depends on them, and say what to do instead.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runCliAsync } from '../support/cli.ts';
import { useServer } from '../support/server.ts';
import { startBrokenServer } from './fixtures/broken-server.ts';

let broken: Awaited<ReturnType<typeof startBrokenServer>>;
let base = '';
const t = useServer(async ({ server }) => {
  broken = await startBrokenServer(server.origin);
  base = server.base.replace(server.origin, broken.origin);
});
after(() => broken.close());

/** A filter that matches nothing answers 404: every lookup that must come back empty fails. */
const NO_MATCH_404 = {
  okta: [
    'assign: userName lookup finds nothing',
    'Spec Test 3: an unknown userName is an empty list',
    'Spec Test 5: the random user does not exist yet',
    'group push: displayName lookup finds nothing',
  ],
  'okta-aiw': ['assign: userName lookup finds nothing', 'group push: displayName lookup finds nothing'],
  entra: [
    'test connection: a random GUID userName finds nothing',
    'create: userName lookup finds nothing',
    'test connection: a random GUID displayName finds nothing',
    'group: displayName lookup finds nothing',
  ],
};

/** PATCH answers 200 with an empty body: every PATCH fails (okta-aiw sends none). */
const EMPTY_PATCH = {
  okta: [
    'deactivate: PATCH active false',
    're-activate: PATCH active true',
    'password: PATCH password',
    'unassign: PATCH active false',
    'group push: PATCH rename with id, add two members',
    'member leaves: PATCH remove members[value eq …] and rename',
    'Push Now: PATCH replace members',
  ],
  entra: [
    'update: PATCH changed attributes, no If-Match',
    'null update: PATCH nickName "" clears it',
    'manager: PATCH the manager as a bare id',
    'manager: PATCH {value: ""} removes it',
    'group: PATCH add two members',
    'group: PATCH remove one member',
    'group: PATCH rename',
  ],
};

/** "True"/"False" are refused with 400: only Entra's legacy dialect sends them. */
const STRING_BOOLEANS = ['disable: PATCH active "False"', 're-enable: PATCH active "True"'];

const EXPECTED = [
  ...[...NO_MATCH_404.okta, ...EMPTY_PATCH.okta].map((name) => `okta: ${name}`),
  ...NO_MATCH_404['okta-aiw'].map((name) => `okta-aiw: ${name}`),
  ...[...NO_MATCH_404.entra, ...EMPTY_PATCH.entra, ...STRING_BOOLEANS].map((name) => `entra: ${name}`),
  ...[
    ...NO_MATCH_404.entra,
    ...EMPTY_PATCH.entra,
    'disable: PATCH active false',
    're-enable: PATCH active true',
  ].map((name) => `entra-2020: ${name}`),
].sort();

type Step = { name: string; outcome: string; reason?: string; response?: { status: number } };
type Report = { ok: boolean; profiles: { name: string; steps: Step[] }[]; cleanup: unknown };

describe('scimitar check against a broken server', () => {
  test('the JSON report names exactly the failures of the three bugs, and exit code 1', async () => {
    const run = await runCliAsync(['check', base, '--token', t.server.token, '--groups', '--json']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(report.ok, false);
    const steps = report.profiles.flatMap((p) =>
      p.steps.map((s) => ({ ...s, name: `${p.name}: ${s.name}` })),
    );
    assert.deepEqual(
      steps
        .filter((s) => s.outcome === 'failed')
        .map((s) => s.name)
        .sort(),
      EXPECTED,
    );

    const byName = new Map(steps.map((s) => [s.name, s]));
    assert.equal(byName.get('entra: disable: PATCH active "False"')?.response?.status, 400);
    assert.deepEqual(byName.get('okta: CRUD test 8: GET shows active false'), {
      name: 'okta: CRUD test 8: GET shows active false',
      outcome: 'skipped',
      reason: "'deactivate: PATCH active false' failed",
    });
    assert.deepEqual(report.cleanup, { deleted: 9, left: [] }, 'cleanup works on a broken server too');
  });

  test('the text report shows the failed request, the response and the hint', async () => {
    const run = await runCliAsync(['check', base, '--profile', 'entra', '--timeout', '5s'], {
      SCIMITAR_CHECK_TOKEN: t.server.token,
    });
    assert.equal(run.code, 1);
    const failure = run.stdout.split('\n  ✗ ').find((part) => part.startsWith('test connection'));
    assert.ok(failure, run.stdout);
    assert.match(failure, /status is 404, expected 200/);
    assert.match(
      failure,
      /GET http:\/\/127\.0\.0\.1:\d+\/tenants\/acme\/scim\/v2\/Users\?filter=userName\+eq\+%22/,
    );
    assert.match(failure, /→ 404 \{"schemas":\["urn:ietf:params:scim:api:messages:2\.0:Error"\]/);
    assert.match(failure, /hint: A filter that matches nothing must answer 200 .* Entra quarantines/);
    const patch = run.stdout.split('\n  ✗ ').find((part) => part.startsWith('disable: PATCH'));
    assert.match(
      patch ?? '',
      /\{"schemas":\["urn:ietf:params:scim:api:messages:2\.0:PatchOp"\],"Operations":\[\{"op":"Replace","path":"active","value":"False"\}\]\}/,
    );
    const empty = run.stdout.split('\n  ✗ ').find((part) => part.startsWith('manager: PATCH the manager'));
    assert.match(empty ?? '', /^ {6}the body is empty$/m);
    assert.match(empty ?? '', /^ {6}→ 200 \(empty body\)$/m);
    assert.match(
      run.stdout,
      /^ {2}– disable: the filter finds the user with active false \(skipped: 'disable: PATCH active "False"' failed\)$/m,
    );
    assert.match(run.stdout, /^entra +11 +8 +7$/m);
    assert.match(run.stdout, /FAILED/);
  });
});
