import { createHash } from 'node:crypto';

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** What is wrong with an authorization request's PKCE parameters (RFC 7636 §4.3), if anything: S256 only. */
export function challengeProblem(
  challenge: string | undefined,
  method: string | undefined,
): string | undefined {
  if (challenge === undefined)
    return method === undefined ? undefined : 'code_challenge_method was sent without a code_challenge';
  if ((method ?? 'plain') !== 'S256') return 'code_challenge_method must be S256';
  if (!CHALLENGE.test(challenge)) return 'code_challenge must be a base64url SHA-256';
  return undefined;
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) equals the challenge. */
function pkceMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** What is wrong with a token request's code_verifier for a code issued with `challenge`, if anything. */
export function verifierProblem(
  verifier: string | undefined,
  challenge: string | undefined,
): string | undefined {
  if (challenge !== undefined) {
    if (verifier === undefined || !VERIFIER.test(verifier)) return 'code_verifier is missing or malformed';
    if (!pkceMatches(verifier, challenge)) return 'code_verifier does not match';
  } else if (verifier !== undefined) {
    // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused (PKCE downgrade).
    return 'code_verifier was sent, but the authorization request had no code_challenge';
  }
  return undefined;
}
