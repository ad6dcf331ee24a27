/**
 * One token bucket per key (a tenant): `rate` tokens a second, at most `burst` saved up. A request
 * takes one token; with none left it must wait. Buckets are independent, so one tenant's burst
 * never slows another, and in memory, so each process limits on its own.
 */
export class TokenBuckets {
  readonly #rate: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(rate: number, burst: number) {
    this.#rate = rate;
    this.#burst = Math.max(1, burst);
  }

  /** 0 when the request may go ahead (and a token is taken), else the whole seconds to wait. */
  take(key: string, now: number): number {
    if (this.#rate <= 0) return 0;
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate));
  }
}
