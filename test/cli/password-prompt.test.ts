import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { BIN, runCli, tempDatabase } from '../support/cli.ts';

/** util-linux `script` gives the command a real terminal, so the prompt path runs as a person sees it. */
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `admin create` on a pseudo-terminal, answering each prompt as it appears. */
function createOnTerminal(database: string, username: string, answers: string[]) {
  const command = `'${process.execPath}' '${BIN}' admin create --tenant acme --username ${username} --database '${database}'`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = 0;
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const prompts = output.match(/Password: |Repeat the password: /g)?.length ?? 0;
    while (answered < prompts && answered < answers.length) child.stdin.write(`${answers[answered++]}\r`);
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

test('admin create asks twice at a terminal and never echoes the password', {
  skip: !hasScript,
}, async () => {
  const database = tempDatabase();
  runCli(['tenant', 'create', 'acme', '--database', database]);
  const secret = 'typed at a terminal 42';
  const ok = await createOnTerminal(database, 'tty', [secret, secret]);
  assert.equal(ok.code, 0, ok.output);
  assert.match(ok.output, /created admin tty/);
  assert.ok(!ok.output.includes(secret), 'what is typed is not echoed');
  const differ = await createOnTerminal(database, 'tty2', [secret, `${secret}!`]);
  assert.equal(differ.code, 1);
  assert.match(differ.output, /the passwords differ/);
  assert.match(runCli(['admin', 'list', '--tenant', 'acme', '--database', database]).stdout, /^tty\tadmin/m);
});
