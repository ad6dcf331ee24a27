// `scimitar check` against Scimitar itself: every profile, with groups, must pass, and the run must
// leave nothing behind unless told to keep it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCliAsync } from '../support/cli.ts';
import { useServer } from '../support/server.ts';

const t = useServer();

type Report = {
  ok: boolean;
  prefix: string;
  profiles: { name: string; passed: number; failed: number; skipped: number; steps: { outcome: string }[] }[];
  cleanup: { deleted: number; left: unknown[] } | 'kept';
};

async function check(...args: string[]) {
  const run = await runCliAsync(['check', t.server.base, '--token', t.server.token, '--json', ...args]);
  return { ...run, report: JSON.parse(run.stdout) as Report };
}

/** What the server holds under the run's prefix, found the way any client would. */
async function leftUnder(prefix: string) {
  const users = await t.scim.get(`/Users?filter=${encodeURIComponent(`userName sw "${prefix}"`)}`);
  const groups = await t.scim.get(`/Groups?filter=${encodeURIComponent(`displayName sw "${prefix}"`)}`);
  return { users: users.body.totalResults, groups: groups.body.totalResults };
}

describe('scimitar check against Scimitar', () => {
  test('every profile with --groups passes, and cleanup leaves nothing under the prefix', async () => {
    const { code, report, stderr } = await check('--profile', 'all', '--groups');
    const failures = report.profiles.flatMap((p) => p.steps.filter((s) => s.outcome !== 'passed'));
    assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
    assert.equal(code, 0, stderr);
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.profiles.map((p) => [p.name, p.passed]),
      [
        ['okta', 40],
        ['okta-aiw', 32],
        ['entra', 40],
        ['entra-2020', 40],
      ],
    );
    assert.match(report.prefix, /^scimitar-check-[0-9a-f]{8}$/);
    assert.deepEqual(report.cleanup, { deleted: 9, left: [] });
    assert.deepEqual(await leftUnder(report.prefix), { users: 0, groups: 0 });
  });

  test('without --groups there are no group steps; with --keep what it created stays', async () => {
    const { code, report } = await check('--profile', 'okta', '--keep');
    assert.equal(code, 0);
    assert.deepEqual(
      report.profiles.map((p) => [p.name, p.passed, p.failed]),
      [['okta', 28, 0]],
    );
    assert.equal(report.cleanup, 'kept');
    assert.deepEqual(
      await leftUnder(report.prefix),
      { users: 2, groups: 0 },
      'the assigned and the Spec Test user',
    );
  });

  test('the rfc profile passes (it is not part of all) and deletes what its bulk requests created', async () => {
    const { code, report, stderr } = await check('--profile', 'rfc');
    const failures = report.profiles.flatMap((p) => p.steps.filter((s) => s.outcome !== 'passed'));
    assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      report.profiles.map((p) => [p.name, p.passed]),
      [['rfc', 16]],
    );
    // The users it created (three), and the bulk-created user and two groups; the circular groups never existed.
    assert.deepEqual(report.cleanup, { deleted: 6, left: [] });
    assert.deepEqual(await leftUnder(report.prefix), { users: 0, groups: 0 });
  });

  test('the text report lists every step and a summary table', async () => {
    const run = await runCliAsync(['check', t.server.base, '--profile', 'entra'], {
      SCIMITAR_CHECK_TOKEN: t.server.token,
    });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^ {2}✓ test connection: a random GUID userName finds nothing$/m);
    assert.match(run.stdout, /^entra +26 +0 +0$/m);
    assert.match(run.stdout, /^cleanup: deleted what it created \(1 user or group\)$/m);
    assert.match(run.stdout, /OK: every step passed/);
  });
});
