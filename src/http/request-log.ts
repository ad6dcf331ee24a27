import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Query parameters whose values are secrets if a client (wrongly) sends them in the URL. */
const SECRET_PARAMS =
  /^(password|client_secret|access_token|refresh_token|code|code_verifier|token|assertion)$/i;

/** The URL with the values of secret-bearing query parameters replaced, so the log never holds them. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  let redacted = false;
  for (const key of new Set(params.keys())) {
    if (SECRET_PARAMS.test(key)) {
      params.set(key, '[redacted]');
      redacted = true;
    }
  }
  return redacted ? `${url.slice(0, at)}?${params.toString()}` : url;
}

/**
 * One log line per request, written when it completes: method, path and query, status, duration.
 * Bodies and headers are never logged, and secret query parameters are redacted, so tokens and
 * passwords cannot reach the log.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: loggableUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
