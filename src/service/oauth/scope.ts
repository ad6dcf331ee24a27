import { SCOPE } from '../../auth/oauth-tokens.ts';

/**
 * Scopes a client may ask for: `scim`, and `offline_access`, which Okta's support articles tell
 * admins to add to get refresh tokens (they are issued either way).
 */
const KNOWN_SCOPES = new Set([SCOPE, 'offline_access', '']);

/** What an invalid_scope answer says. */
export const KNOWN_SCOPES_HINT = `the scopes are '${SCOPE}' and 'offline_access'`;

/** Whether a requested scope names one that does not exist (an empty one asks for `scim`). */
export function beyondScope(scope: string | undefined): boolean {
  return (scope ?? '').split(' ').some((s) => !KNOWN_SCOPES.has(s));
}
