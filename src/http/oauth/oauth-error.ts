import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError } from '../../auth/oauth-error.ts';
import { ScimError } from '../../scim/errors.ts';

/**
 * Every answer of these endpoints, errors included, may carry or concern credentials: no cache may keep
 * it (RFC 6749 §5.1; Pragma for HTTP/1.0 caches). onSend runs for error replies too.
 */
export function noStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
    return payload;
  });
}

/**
 * Renders errors the RFC 6749 way. invalid_client is 401 with a Basic challenge (§5.2); throttling
 * and overload keep their status and Retry-After; a body over the limit is 413; anything unexpected is
 * a 500 that says nothing.
 */
export function renderOAuthError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ScimError && error.retryAfter !== undefined) {
    reply.header('Retry-After', String(error.retryAfter));
    return reply
      .code(error.status)
      .send({ error: 'temporarily_unavailable', error_description: error.message });
  }
  let oauth: OAuthError;
  if (error instanceof OAuthError) oauth = error;
  else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    oauth = new OAuthError('invalid_request', 'the request body is larger than the server accepts', 413);
  else if ((error as FastifyError).statusCode === 400 || (error as FastifyError).statusCode === 415)
    oauth = new OAuthError('invalid_request', 'the request body is not a valid form or JSON object');
  else if (error instanceof ScimError && error.status === 400)
    oauth = new OAuthError('invalid_request', error.message);
  else {
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'server_error' });
  }
  if (oauth.status === 401) reply.header('WWW-Authenticate', 'Basic realm="oauth", charset="UTF-8"');
  return reply.code(oauth.status).send({ error: oauth.code, error_description: oauth.message });
}

/** Whether a parsed form or query (string values, arrays when repeated) holds NUL, and where. */
function nulAt(params: unknown): string | undefined {
  if (!params || typeof params !== 'object') return undefined;
  for (const [name, value] of Object.entries(params)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (name.includes('\0') || values.some((v) => typeof v === 'string' && v.includes('\0'))) return name;
  }
  return undefined;
}

/**
 * A preValidation hook that refuses NUL in any parameter before anything is looked up: PostgreSQL
 * text cannot hold it (the query would fail with a 500), and no credential needs it. The client's
 * own credentials (`clientFields`) get invalid_client, anything else invalid_request.
 */
export function refuseNul(clientFields: readonly string[] = []) {
  return async (request: FastifyRequest): Promise<void> => {
    const name = nulAt(request.query) ?? nulAt(request.body);
    if (name === undefined) return;
    if (clientFields.includes(name))
      throw new OAuthError('invalid_client', 'the client credentials are malformed');
    throw new OAuthError('invalid_request', 'parameters cannot contain the NUL character');
  };
}
