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

  #tokens(key: string, now: number): number {
    const bucket = this.#buckets.get(key);
    return bucket
      ? Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate)
      : this.#burst;
  }

  #wait(tokens: number): number {
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.#rate));
  }

  /** The whole seconds to wait if a request came now, taking nothing (and keeping no state for the key). */
  peek(key: string, now: number): number {
    return this.#rate <= 0 ? 0 : this.#wait(this.#tokens(key, now));
  }

  /**
   * Takes `cost` more tokens from a request that was already let through, going into debt if need
   * be: a bulk request of many operations is served whole, and the tenant's next requests wait it off.
   */
  charge(key: string, now: number, cost: number): void {
    if (this.#rate <= 0 || cost <= 0) return;
    this.#buckets.set(key, { tokens: this.#tokens(key, now) - cost, at: now });
  }

  /** 0 when the request may go ahead (and a token is taken), else the whole seconds to wait. */
  take(key: string, now: number): number {
    if (this.#rate <= 0) return 0;
    const tokens = this.#tokens(key, now);
    const wait = this.#wait(tokens);
    this.#buckets.set(key, { tokens: wait === 0 ? tokens - 1 : tokens, at: now });
    return wait;
  }
}
