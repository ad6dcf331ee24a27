import { setTimeout as sleep } from 'node:timers/promises';
import { StoreUnavailableError } from '../port.ts';
import type { Connection } from './open-sqlite.ts';

/**
 * How long a write waits for the write lock while another program (a backup, an `sqlite3` shell, a
 * second process) holds it: well below the request deadline, then the client gets 503 and retries.
 */
export const LOCK_WAIT_MS = 2000;

/** The longest pause between two attempts: short, so a released lock is taken soon after. */
const MAX_PAUSE_MS = 50;

/** SQLITE_BUSY and SQLITE_LOCKED with their extended codes: another connection holds a lock. */
function isBusy(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** Rethrows a lock conflict as the port's StoreUnavailableError (503 with Retry-After); others as they are. */
export function translate(error: unknown): never {
  if (isBusy(error))
    throw new StoreUnavailableError('the database is locked by another program', { cause: error });
  throw error;
}

/**
 * Starts a write transaction on `writer`, whose busy_timeout is 0: BEGIN IMMEDIATE fails at once while
 * another connection holds the write lock, and is tried again after a timer, so the event loop keeps
 * serving reads meanwhile. Past `deadline` (epoch ms) it gives up with StoreUnavailableError; it always
 * tries at least once. `onBusy` hears whether the lock was found taken, for the readiness report.
 */
export async function beginImmediate(
  writer: Connection,
  deadline: number,
  onBusy: (busy: boolean) => void,
): Promise<void> {
  for (let pause = 1; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
    try {
      writer.exec('BEGIN IMMEDIATE');
      onBusy(false);
      return;
    } catch (error) {
      if (!isBusy(error)) throw error;
      onBusy(true);
      const left = deadline - Date.now();
      if (left <= 0) translate(error);
      await sleep(Math.min(pause, left));
    }
  }
}
