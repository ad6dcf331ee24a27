import { CATALOG, type ErrorCode } from './catalog.ts';

/** The codes that tell the client when to come back. */
export type RetryableCode = 'rateLimited' | 'unavailable';

/**
 * The one error every layer throws: a catalog code and a detail a person can act on (never a secret
 * or an internal; the renderers send it as it is).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  /** Whole seconds after which a retry may succeed; sent as `Retry-After`. */
  readonly retryAfter: number | undefined;

  constructor(code: Exclude<ErrorCode, RetryableCode>, detail: string, options?: ErrorOptions);
  constructor(code: RetryableCode, detail: string, options: ErrorOptions & { retryAfter: number });
  constructor(code: ErrorCode, detail: string, options?: ErrorOptions & { retryAfter?: number }) {
    super(detail, options);
    this.code = code;
    this.retryAfter =
      options?.retryAfter === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfter));
  }

  get status(): number {
    return CATALOG[this.code].status;
  }
}
