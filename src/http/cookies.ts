import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one cookie value named `name`, or undefined. Parsed by hand: @fastify/cookie's parser (cookie 2)
 * declares Node 22, and a name=value lookup is all the login forms need.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly and SameSite=Strict always; Secure when the request came over https. */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: { name: string; value: string; path: string; maxAgeSeconds: number },
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'Set-Cookie',
    `${cookie.name}=${cookie.value}; Path=${cookie.path}; Max-Age=${cookie.maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`,
  );
}
