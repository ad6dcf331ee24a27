import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { foldCase } from '../../scim/filter/compare.ts';
import type { Caller, FailureThrottle } from './failure-throttle.ts';

/**
 * Failed sign-ins of every kind, counted per (address, tenant) and per (address, tenant, account).
 * Two ways to use it, by what the secret is:
 * - a password (interactive sign-ins): `check` before checking it, since checking a guess is what
 *   a guesser wants, so an address over its budget waits;
 * - a credential that is unguessable or whose check costs no more than a known-good look-up (API and
 *   OAuth tokens, JWTs, OAuth client secrets, SCIM's Basic with the cache): `verifyFirst`, so a valid
 *   credential is answered whatever its address did, and only failures wait.
 */
export class LoginGuard {
  readonly #throttle: FailureThrottle;
  readonly #now: () => Date;

  constructor(throttle: FailureThrottle, now: () => Date) {
    this.#throttle = throttle;
    this.#now = now;
  }

  /** Who is trying: the client address, the tenant in the URL, and the account (username or client id). */
  static caller(request: FastifyRequest, tenant: string, name: string | undefined): Caller {
    return { ip: request.ip, tenant, account: name === undefined ? undefined : foldCase(name) };
  }

  /** Seconds the caller must wait before trying again; 0 when it may try now. */
  wait(caller: Caller): number {
    return this.#throttle.retryAfter(caller, this.#now().getTime());
  }

  /** Throws 429 with Retry-After while the caller must wait. */
  check(caller: Caller): void {
    const wait = this.wait(caller);
    if (wait > 0) throw tooMany(wait);
  }

  failed(caller: Caller): void {
    this.#throttle.failed(caller, this.#now().getTime());
  }

  succeeded(caller: Caller): void {
    this.#throttle.succeeded(caller);
  }

  /**
   * Runs `verify` first and counts only its refusals (errors `isRefusal` recognises). A caller over its
   * budget still has its credential checked (`verify` is told, so that it checks nothing slow) and is
   * served when it verifies; a refusal then becomes 429 with Retry-After.
   */
  async verifyFirst<T>(
    caller: Caller,
    verify: (overBudget: boolean) => Promise<T>,
    isRefusal: (error: unknown) => boolean,
  ): Promise<T> {
    const wait = this.wait(caller);
    let result: T;
    try {
      result = await verify(wait > 0);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.failed(caller);
      throw wait > 0 ? tooMany(wait) : error;
    }
    this.succeeded(caller);
    return result;
  }
}

function tooMany(seconds: number): AppError {
  return new AppError('rateLimited', 'too many failed sign-ins from this address; try again later', {
    retryAfter: seconds,
  });
}
