import type { FastifyBaseLogger, FastifyError } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { StoreUnavailableError } from '../../store/port.ts';

/** How long a client is asked to wait when the database is down or locked: long enough for a restart. */
const RETRY_AFTER_SECONDS = 5;

/** Fastify's own failures (body parsing, limits), in the catalog's terms. */
function fromFastify(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('bodyTooLarge', 'the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupportedMediaType', 'this endpoint does not read bodies of that content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalidSyntax', 'the request body is empty or incomplete');
    default:
      return error.statusCode === 400 ? new AppError('invalidSyntax', error.message) : undefined;
  }
}

/**
 * Whatever a route, hook or parser threw, as a catalog error: every surface's renderer starts here,
 * so they cannot drift on which failures are whose fault.
 */
export function asAppError(error: unknown, log: FastifyBaseLogger): AppError {
  if (error instanceof AppError) return error;
  const known = fromFastify(error as FastifyError);
  if (known) return known;
  if (error instanceof StoreUnavailableError) {
    // Nothing was committed; Okta and Entra both retry a 503 that says when.
    log.warn({ reason: (error.cause as Error | undefined)?.message }, 'database unavailable');
    return new AppError('unavailable', `${error.message}; retry shortly`, {
      retryAfter: RETRY_AFTER_SECONDS,
    });
  }
  // Never echo an unexpected error's message: it may hold internals.
  log.error({ err: error }, 'unhandled error');
  return new AppError('internal', 'internal server error');
}
