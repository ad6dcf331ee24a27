import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError } from '../scim/errors.ts';
import { StoreUnavailableError } from '../store/port.ts';

/** How long a client is asked to wait when the database is down: long enough for a restart. */
const RETRY_AFTER_SECONDS = 5;

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Fastify's own errors, in SCIM terms (every error on every route is a SCIM error body). */
function fromFastify(error: FastifyError): ScimError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ScimError.status(413, 'the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ScimError.status(415, 'send the body as application/scim+json or application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return ScimError.of('invalidSyntax', 'the request body is empty or incomplete');
    default:
      if (error.statusCode === 400) return ScimError.of('invalidSyntax', error.message);
      return undefined;
  }
}

export function sendScimError(reply: FastifyReply, error: ScimError): FastifyReply {
  // Both schemes a SCIM client may use; the realm is the same for every tenant, real or not.
  if (error.status === 401)
    reply.header('WWW-Authenticate', 'Bearer realm="scim", Basic realm="scim", charset="UTF-8"');
  if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
  return reply.code(error.status).type(SCIM_CONTENT_TYPE).send(error.toJSON());
}

export function renderError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const scim = error instanceof ScimError ? error : fromFastify(error as FastifyError);
  if (scim) return sendScimError(reply, scim);
  if (error instanceof StoreUnavailableError) {
    // Nothing was committed; Okta and Entra both retry a 503 that says when.
    request.log.warn({ reason: (error.cause as Error | undefined)?.message }, 'database unavailable');
    reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return sendScimError(reply, ScimError.status(503, 'the database is unavailable; retry shortly'));
  }
  // Never echo an unexpected error's message: it may hold internals.
  request.log.error({ err: error }, 'unhandled error');
  return sendScimError(reply, ScimError.status(500, 'internal server error'));
}
