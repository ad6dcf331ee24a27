/** RFC 7644 §3.12: each scimType travels with exactly one HTTP status. */
const statusForType = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
} as const;

export type ScimType = keyof typeof statusForType;

/** Statuses that carry no scimType. */
export type PlainStatus = 401 | 403 | 404 | 405 | 406 | 409 | 412 | 413 | 415 | 429 | 500 | 501 | 503;

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The one error type every layer throws; `http/` renders it as an RFC 7644 §3.12 body. */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  readonly status: number;
  readonly scimType: ScimType | undefined;
  /** Whole seconds the client should wait before trying again (429, 503): sent as `Retry-After`. */
  retryAfter: number | undefined;

  private constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }

  static of(type: ScimType, detail: string): ScimError {
    return new ScimError(statusForType[type], type, detail);
  }

  static status(status: PlainStatus, detail: string): ScimError {
    return new ScimError(status, undefined, detail);
  }

  /** 429 or 503 with the whole number of seconds after which a retry may succeed. */
  static retryLater(status: 429 | 503, detail: string, seconds: number): ScimError {
    const error = new ScimError(status, undefined, detail);
    error.retryAfter = Math.max(1, Math.ceil(seconds));
    return error;
  }

  static notFound(detail: string): ScimError {
    return new ScimError(404, undefined, detail);
  }

  /** The body RFC 7644 §3.12 prescribes; `status` is a string there. */
  toJSON(): { schemas: string[]; status: string; scimType?: ScimType; detail: string } {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}
