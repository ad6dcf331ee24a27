import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { AppError } from '../errors/app-error.ts';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/** Asks each question on the terminal, in one session, without echoing what is typed. */
async function promptHidden(questions: readonly string[]): Promise<string[]> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answers: string[] = [];
  try {
    for (const question of questions) {
      process.stderr.write(question);
      answers.push(await rl.question(''));
      process.stderr.write('\n');
    }
    return answers;
  } catch {
    throw new AppError('invalidValue', 'no password given');
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
  if (!process.stdin.isTTY)
    throw new AppError('invalidValue', 'no terminal to ask for the password: use --password-stdin');
  const [first, second] = await promptHidden(['Password: ', 'Repeat the password: ']);
  if (first !== second) throw new AppError('invalidValue', 'the passwords differ');
  return first ?? '';
}
