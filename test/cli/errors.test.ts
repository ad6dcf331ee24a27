// How the command line reports a failure: `scimitar: <message>` on one line of stderr, nothing on
// stdout, and the exit status the README documents (1 the command failed, 2 check could not run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, tempDatabase } from '../support/cli.ts';

test('each kind of failure is one line on stderr with its documented exit status', () => {
  const db = ['--database', tempDatabase()];
  assert.equal(runCli(['tenant', 'create', 'acme', ...db]).code, 0);
  const cases: [string[], number, RegExp][] = [
    [['tenant', 'create', 'Not A Name', ...db], 1, /^scimitar: invalid tenant name 'Not A Name'/],
    [['tenant', 'create', 'acme', ...db], 1, /^scimitar: tenant 'acme' already exists$/],
    [['token', 'revoke', 'nope', '--tenant', 'acme', ...db], 1, /^scimitar: no live token 'nope'/],
    [['webhook', 'add', '--tenant', 'acme', '--url', 'ftp://x', ...db], 1, /^scimitar: only http and https/],
    [
      ['audit', 'list', '--tenant', 'acme', '--limit', 'many', ...db],
      1,
      /^scimitar: --limit must be a whole number$/,
    ],
    [
      ['admin', 'create', '--username', 'bob', '--tenant', 'acme', '--password-stdin', ...db],
      1,
      /at least 12 characters$/,
    ],
    [['check', 'not a url', '--token', 'x'], 2, /^scimitar check: invalid URL 'not a url'/],
  ];
  for (const [args, status, message] of cases) {
    const run = runCli(args, { input: 'short\n' });
    assert.equal(run.code, status, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    const lines = run.stderr.split('\n');
    assert.deepEqual(lines.slice(1), [''], `one line: ${run.stderr}`);
    assert.match(lines[0] ?? '', message);
  }
});
