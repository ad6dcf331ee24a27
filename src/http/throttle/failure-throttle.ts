import { createHash } from 'node:crypto';

interface Window {
  failures: number;
  until: number;
}

export interface FailureLimits {
  /** Failures one address may make on one tenant per window, whatever credentials it presents. */
  readonly perAddress: number;
  /** Failures one address may make for one account (username or client id) of a tenant per window. */
  readonly perAccount: number;
  readonly windowSeconds: number;
  /** Counters kept at most; the one that failed least recently goes first. */
  readonly maxCounters: number;
}

/** Who is trying: a client address, the tenant it addressed, and the account it named there, if any. */
export interface Caller {
  readonly ip: string;
  readonly tenant: string;
  /** The case-folded username or OAuth client id the credential names. */
  readonly account: string | undefined;
}

/**
 * Counts failed sign-ins per (address, tenant) and per (address, tenant, account), in fixed windows.
 * Nothing is counted per address alone, so a guesser's failures on one tenant never touch another
 * tenant's IdP behind the same address (a proxy, a NAT); nor per account alone, so they never lock
 * the account's owner out from elsewhere.
 *
 * Memory is bounded: at most `maxCounters` windows of a few hundred bytes each, least recently
 * failed evicted first. A guesser
 * can evict its own window only by failing `maxCounters` times elsewhere in between, so eviction
 * costs it far more attempts than it wins back.
 */
export class FailureThrottle {
  readonly #limits: FailureLimits;
  readonly #windows = new Map<string, Window>();

  constructor(limits: FailureLimits) {
    this.#limits = limits;
  }

  #live(key: string, now: number): Window | undefined {
    const window = this.#windows.get(key);
    if (window && window.until <= now) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  #keys({ ip, tenant, account }: Caller): [string, number][] {
    // The address is an IP and the tenant a route parameter (at most 100 characters); the account
    // comes from a header or a body, as long as the client likes, so it is kept as a digest.
    const keys: [string, number][] = [[`t\0${ip}\0${tenant}`, this.#limits.perAddress]];
    if (account !== undefined) {
      const digest = createHash('sha256').update(account).digest('base64');
      keys.push([`a\0${ip}\0${tenant}\0${digest}`, this.#limits.perAccount]);
    }
    return keys;
  }

  /** 0 when the caller is within its failure budget; else the whole seconds until it is again. */
  retryAfter(caller: Caller, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.#keys(caller)) {
      const window = this.#live(key, now);
      if (window && window.failures >= limit) wait = Math.max(wait, Math.ceil((window.until - now) / 1000));
    }
    return wait;
  }

  failed(caller: Caller, now: number): void {
    for (const [key] of this.#keys(caller)) {
      const window = this.#live(key, now) ?? { failures: 0, until: now + this.#limits.windowSeconds * 1000 };
      // Map keeps insertion order: re-inserting makes this the most recently failed window.
      this.#windows.delete(key);
      if (this.#windows.size >= this.#limits.maxCounters)
        this.#windows.delete(this.#windows.keys().next().value as string);
      window.failures++;
      this.#windows.set(key, window);
    }
  }

  /** A success clears that account's count from that address (the (address, tenant) count stays). */
  succeeded(caller: Caller): void {
    const [, account] = this.#keys(caller);
    if (account) this.#windows.delete(account[0]);
  }
}
