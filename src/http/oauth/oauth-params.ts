import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';

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
      throw new AppError('invalidClient', 'the client credentials are malformed');
    throw new AppError('invalidRequest', 'parameters cannot contain the NUL character');
  };
}
