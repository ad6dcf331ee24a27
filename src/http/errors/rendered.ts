import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';
import type { AppError } from '../../errors/app-error.ts';

/** An error as one surface shows it: status, headers and a JSON body. */
export interface Rendered {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: object;
}

/** Every surface tells a throttled or overloaded client when to come back. */
export function retryAfterHeader(error: AppError): { 'Retry-After'?: string } {
  return error.retryAfter === undefined ? {} : { 'Retry-After': String(error.retryAfter) };
}

export function send(reply: FastifyReply, rendered: Rendered): FastifyReply {
  return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
}

/** For the failures Node answers before any request exists (431, 408): the answer, then the close. */
export function writeRaw(socket: Socket, rendered: Rendered): void {
  const body = JSON.stringify(rendered.body);
  const head = [
    `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? ''}`,
    ...Object.entries(rendered.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
