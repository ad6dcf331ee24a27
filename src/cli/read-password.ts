import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliError } from './database-option.ts';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/** Asks on the terminal without echoing what is typed. */
async function promptHidden(question: string): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    process.stderr.write(question);
    const answer = await rl.question('');
    process.stderr.write('\n');
    return answer;
  } finally {
    rl.close();
  }
}

/**
 * A new password, from stdin (`--password-stdin`, one line; a trailing newline is dropped) or typed
 * twice at a terminal. Never from a flag: flags end up in shell history and `ps`.
 */
export async function readNewPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return (await readStdin()).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password: use --password-stdin');
  const first = await promptHidden('Password: ');
  if ((await promptHidden('Repeat the password: ')) !== first) throw new CliError('the passwords differ');
  return first;
}
