import { createHash } from 'node:crypto';

/** An IdP idle for less than this keeps its pair: Entra provisions every 40 minutes. */
const TTL_MS = 3_600_000;

/**
 * Remembers, in memory only, that a (tenant, account, stored hash, password) tuple verified, until an
 * hour after its last use: an IdP sending Basic credentials on every request pays for argon2 once,
 * and stays known-good while its address is over its failure budget (when nothing else is checked).
 * The key is a SHA-256 of the tuple: the password itself is never kept. The stored hash is part of
 * the key, so a password change misses the cache at once; a disabled account is refused before the
 * cache is asked.
 */
export class VerifiedCache {
  readonly #entries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(ttlMs = TTL_MS, max = 10_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  static key(...parts: string[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\0');
    return hash.digest('hex');
  }

  /** Whether the key verified and has been used since within the TTL; a hit counts as a use. */
  has(key: string, now: number): boolean {
    const until = this.#entries.get(key);
    if (until === undefined) return false;
    if (until <= now) {
      this.#entries.delete(key);
      return false;
    }
    this.add(key, now);
    return true;
  }

  add(key: string, now: number): void {
    // Map keeps insertion order: re-inserting makes this the most recent; when full, the least recent goes.
    this.#entries.delete(key);
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, now + this.#ttlMs);
  }
}
