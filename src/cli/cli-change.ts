import { userInfo } from 'node:os';
import type { CredentialChange } from '../service/credential-change.ts';

/** The OS user at the server's command line; a uid when it has no account name (some containers). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/** A credential change made now by the person at the CLI, as the audit trail records it. */
export function cliChange(now = new Date()): CredentialChange {
  const user = osUser();
  return { by: { kind: 'cli', id: user, name: `cli:${user}` }, at: now.toISOString() };
}
