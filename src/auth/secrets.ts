import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit random secret with a recognisable prefix, base64url. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex: enough at rest for 256-bit random secrets, which cannot be guessed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares a presented secret with a stored SHA-256 in constant time (both sides are 32 bytes). */
export function matchesHash(presented: string, storedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  const given = createHash('sha256').update(presented).digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}
