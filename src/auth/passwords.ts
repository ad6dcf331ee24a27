import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors/app-error.ts';

/**
 * argon2id at OWASP's minimum (19 MiB, t=2, p=1): about 25 ms per verify on one core. Verifications
 * run at most VERIFY_SLOTS at a time, so a flood of guesses queues instead of taking every core and
 * all the memory; the queue itself is bounded, and past it a guess is refused without hashing.
 */
// Algorithm.Argon2id is a const enum, which verbatimModuleSyntax cannot import.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const VERIFY_SLOTS = 4;
const MAX_WAITING = 256;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= VERIFY_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A hash of a password nobody knows, verified for unknown users so that they cost the same time. */
let decoy: Promise<string> | undefined;

/**
 * Checks a password against an argon2id hash (or, with no hash, against the decoy, and fails). A
 * malformed hash fails rather than throws. 'busy' when too many checks are already waiting.
 */
export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean | 'busy'> {
  if (waiting.length >= MAX_WAITING) return 'busy';
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  const target = stored ?? (await decoy);
  const ok = await slot(() => verify(target, password).catch(() => false));
  return ok && stored !== undefined;
}

export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('invalidValue', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
}
