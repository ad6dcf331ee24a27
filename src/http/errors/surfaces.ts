import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { renderAdmin } from './admin-format.ts';
import { asAppError } from './as-app-error.ts';
import { renderOAuth } from './oauth-format.ts';
import { type Rendered, send, writeRaw } from './rendered.ts';
import { renderScim } from './scim-format.ts';

/**
 * The doors of the server, each with its own error format. The JWT endpoint (`/auth/token`) speaks
 * OAuth's: it is a password grant in all but name, and its clients are OAuth token clients.
 */
const RENDER = { scim: renderScim, oauth: renderOAuth, admin: renderAdmin } as const;
type Surface = keyof typeof RENDER;

const SURFACE_PATH = /^\/tenants\/[^/?]+\/(oauth|auth|admin\/api)(?:[/?]|$)/;

/** Which surface a request path belongs to; anything that is not OAuth or admin is SCIM's. */
function surfaceOf(url: string | undefined): Surface {
  const match = SURFACE_PATH.exec(url ?? '')?.[1];
  return match === undefined ? 'scim' : match === 'admin/api' ? 'admin' : 'oauth';
}

function renderFor(url: string | undefined, error: AppError): Rendered {
  return RENDER[surfaceOf(url)](error);
}

/** The one error handler: whatever was thrown, in the format of the surface it was thrown on. */
export function renderError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  return send(reply, renderFor(request.url, asAppError(error, request.log)));
}

/** HEAD goes unsaid: it follows GET. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * An unknown path is 404, and a known one asked with another method 405 with `Allow` (before any
 * authentication: which endpoints exist is no secret), each in its surface's format.
 */
export function notFoundHandler(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
    const error =
      allowed.length > 0
        ? new AppError('methodNotAllowed', `${path} supports ${allowed.join(', ')}`)
        : new AppError('notFound', `no such endpoint: ${request.method} ${path}`);
    if (allowed.length > 0) reply.header('Allow', allowed.join(', '));
    return send(reply, renderFor(request.url, error));
  };
}

/** The failures Node's parser answers before Fastify sees a request; the rest are malformed HTTP. */
const NODE_FAILURES: Record<string, () => AppError> = {
  HPE_HEADER_OVERFLOW: () =>
    new AppError('headersTooLarge', 'the request headers are larger than the server accepts'),
  ERR_HTTP_REQUEST_TIMEOUT: () =>
    new AppError('requestTimeout', 'the request did not arrive in full in time'),
};

/** The request line's path, when the packet Node could not parse starts with one. */
function pathOf(packet: unknown): string | undefined {
  if (!Buffer.isBuffer(packet)) return undefined;
  return /^[A-Z]+ (\S+) HTTP\//.exec(packet.subarray(0, 2048).toString('latin1'))?.[1];
}

/**
 * Fastify's `clientErrorHandler` and the hooks it needs: a header section over the limit (431), a
 * request that does not arrive in time (408) or malformed HTTP (400), answered in the surface's format
 * where the path is known (from the packet, or from the request still waiting for its body), else as
 * SCIM.
 */
export function clientErrors() {
  const waiting = new WeakMap<Socket, string>();
  return {
    handler(error: ConnectionError, socket: Socket): void {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const failure =
        NODE_FAILURES[error.code]?.() ?? new AppError('invalidSyntax', 'the request is not valid HTTP');
      const url = pathOf(error.rawPacket) ?? waiting.get(socket);
      if (socket.writable) writeRaw(socket, renderFor(url, failure));
      else socket.destroy();
    },
    track(app: FastifyInstance): void {
      app.addHook('onRequest', (request, _reply, done) => {
        waiting.set(request.raw.socket, request.url);
        done();
      });
      app.addHook('onResponse', (request, _reply, done) => {
        waiting.delete(request.raw.socket);
        done();
      });
    },
  };
}
