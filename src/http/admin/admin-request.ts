import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import type { CredentialChange } from '../../service/credential-change.ts';
import type { SessionPrincipal } from '../../service/sessions.ts';
import type { TenantId } from '../../store/port.ts';

export const SESSION_COOKIE = 'scimitar_session';

/** Who is signed in; the onRequest hook guarantees someone on every non-public route. */
export function adminOf(request: FastifyRequest): SessionPrincipal {
  if (!request.admin) throw new Error('admin route reached without a session');
  return request.admin;
}

/** The tenant the signed-in session works on. */
export const tenantOf = (request: FastifyRequest): TenantId => adminOf(request).tenant;

/** A credential change made now by the signed-in admin or operator, as the audit trail records it. */
export function changeBy(request: FastifyRequest, now: Date): CredentialChange {
  const { kind, id, username } = adminOf(request);
  return { by: { kind, id, name: username }, at: now.toISOString() };
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AppError('invalidSyntax', 'send a JSON object');
  return body as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '')
    throw new AppError('invalidValue', `${name} is required, as a string`);
  return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  return body[name] === undefined ? undefined : stringField(body, name);
}
