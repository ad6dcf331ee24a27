import { PROFILES } from './catalog.ts';
import type { Target } from './http.ts';
import { type ProfileResult, runProfile } from './runner.ts';
import { type Cleanup, cleanUp, newSession } from './session.ts';
import type { ProfileName } from './step.ts';

export interface CheckOptions {
  readonly target: Target;
  readonly profiles: readonly ProfileName[];
  readonly groups: boolean;
  /** Leave what the run created on the server. */
  readonly keep: boolean;
  /** Stops the run before its next step (Ctrl-C); the cleanup still runs. */
  readonly stop?: AbortSignal;
}

export interface CheckReport {
  readonly target: string;
  /** Every user and group the run created starts with it. */
  readonly prefix: string;
  readonly profiles: readonly ProfileResult[];
  readonly cleanup: Cleanup | 'kept';
  /** Stopped before the end: the steps it did not run are skipped. */
  readonly interrupted: boolean;
}

/** A prefix no earlier run has used, so the run never touches what it did not create. */
function runPrefix(): string {
  return `scimitar-check-${crypto.randomUUID().slice(0, 8)}`;
}

/** Runs the profiles one after another, then deletes what they created, even after a failure. */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const session = newSession(options.target, runPrefix(), options.stop);
  const profiles: ProfileResult[] = [];
  let cleanup: Cleanup | 'kept' = 'kept';
  try {
    for (const name of options.profiles)
      profiles.push(await runProfile(session, PROFILES[name], options.groups));
  } finally {
    if (!options.keep && session.answered) cleanup = await cleanUp(session);
  }
  return {
    target: options.target.base,
    prefix: session.prefix,
    profiles,
    cleanup,
    interrupted: session.stop.aborted,
  };
}
