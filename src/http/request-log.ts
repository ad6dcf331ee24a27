import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { redactFilter } from '../scim/filter/index.ts';

/** Query parameters whose values are secrets if a client (wrongly) sends them in the URL. */
const SECRET_PARAMS =
  /^(password|client_secret|access_token|refresh_token|code|code_verifier|token|assertion)$/i;

/**
 * The URL with the values of secret-bearing query parameters replaced, and the literals of a SCIM
 * `filter` (`password eq "…"`, or any email or name: personal data), so the log never holds them.
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = [...new URLSearchParams(url.slice(at + 1))];
  const redact = (key: string) =>
    SECRET_PARAMS.test(key) ? () => '[redacted]' : key.toLowerCase() === 'filter' ? redactFilter : undefined;
  if (!params.some(([key]) => redact(key))) return url;
  const logged = params.map(([key, value]): [string, string] => [key, redact(key)?.(value) ?? value]);
  return `${url.slice(0, at)}?${new URLSearchParams(logged).toString()}`;
}

/**
 * One log line per request, written when it completes: method, path and query, status, duration.
 * Bodies and headers are never logged, secret query parameters are redacted and filters keep only their
 * shape, so tokens, passwords and the values clients look people up by cannot reach the log.
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
