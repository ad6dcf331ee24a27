import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a session: derived from the session token, so it needs no storage, and useless
 * without the HttpOnly cookie it is derived from.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(presented ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
