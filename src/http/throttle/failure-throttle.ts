interface Window {
  failures: number;
  until: number;
}

export interface FailureLimits {
  readonly perIp: number;
  readonly perAccount: number;
  readonly windowSeconds: number;
}

/** Windows kept at most; the oldest goes first, so a flood of addresses cannot exhaust memory. */
const MAX_WINDOWS = 100_000;

/**
 * Counts failed sign-ins per client address and per (account, address), in fixed windows. A caller
 * over either limit waits until its window ends. Nothing is counted per account alone, so an
 * attacker's failures never lock out the account's owner or the IdP using it from elsewhere.
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

  #keys(ip: string, account: string | undefined): [string, number][] {
    const keys: [string, number][] = [[`ip\0${ip}`, this.#limits.perIp]];
    if (account !== undefined) keys.push([`account\0${account}\0${ip}`, this.#limits.perAccount]);
    return keys;
  }

  /** 0 when the caller may try; else the whole seconds until it may. */
  retryAfter(ip: string, account: string | undefined, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.#keys(ip, account)) {
      const window = this.#live(key, now);
      if (window && window.failures >= limit) wait = Math.max(wait, Math.ceil((window.until - now) / 1000));
    }
    return wait;
  }

  failed(ip: string, account: string | undefined, now: number): void {
    for (const [key] of this.#keys(ip, account)) {
      let window = this.#live(key, now);
      if (!window) {
        if (this.#windows.size >= MAX_WINDOWS)
          this.#windows.delete(this.#windows.keys().next().value as string);
        window = { failures: 0, until: now + this.#limits.windowSeconds * 1000 };
        this.#windows.set(key, window);
      }
      window.failures++;
    }
  }

  /** A success clears that account's count from that address (the per-address count stays). */
  succeeded(ip: string, account: string | undefined): void {
    if (account !== undefined) this.#windows.delete(`account\0${account}\0${ip}`);
  }
}
