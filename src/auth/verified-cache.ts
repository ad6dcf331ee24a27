import { createHash } from 'node:crypto';

/**
 * Remembers, briefly and in memory only, that a (tenant, account, stored hash, password) tuple
 * verified, so that an IdP sending Basic credentials on every request pays for argon2 once a minute
 * rather than on every call. The key is a SHA-256 of the tuple: the password itself is never kept.
 * The stored hash is part of the key, so a password change misses the cache at once; a disabled
 * account is refused before the cache is asked.
 */
export class VerifiedCache {
  readonly #entries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs = 60_000, max = 10_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  static key(...parts: string[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\0');
    return hash.digest('hex');
  }

  has(key: string, now: number): boolean {
    const until = this.#entries.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#entries.delete(key);
    return false;
  }

  add(key: string, now: number): void {
    // Map keeps insertion order: when full, the oldest entry goes.
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.delete(key);
    this.#entries.set(key, now + this.#ttlMs);
  }
}
