import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { foldCase } from '../../scim/filter/compare.ts';
import type { FailureThrottle } from './failure-throttle.ts';

/** Failed sign-ins of every kind, counted by client address and by (account, address). */
export class LoginGuard {
  readonly #throttle: FailureThrottle;
  readonly #now: () => Date;

  constructor(throttle: FailureThrottle, now: () => Date) {
    this.#throttle = throttle;
    this.#now = now;
  }

  /** The account key: tenant and case-folded name (a username or an OAuth client id). */
  static account(tenant: string, name: string | undefined): string | undefined {
    return name === undefined ? undefined : `${tenant}\0${foldCase(name)}`;
  }

  /** Seconds the caller must wait before trying again; 0 when it may try now. */
  wait(request: FastifyRequest, account: string | undefined): number {
    return this.#throttle.retryAfter(request.ip, account, this.#now().getTime());
  }

  /** Throws 429 with Retry-After while the caller must wait. */
  check(request: FastifyRequest, account: string | undefined): void {
    const wait = this.wait(request, account);
    if (wait > 0)
      throw new AppError('rateLimited', 'too many failed sign-ins from this address; try again later', {
        retryAfter: wait,
      });
  }

  failed(request: FastifyRequest, account: string | undefined): void {
    this.#throttle.failed(request.ip, account, this.#now().getTime());
  }

  succeeded(request: FastifyRequest, account: string | undefined): void {
    this.#throttle.succeeded(request.ip, account);
  }
}
