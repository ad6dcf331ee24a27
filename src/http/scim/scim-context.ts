import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RequestContext } from '../../service/deps.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The public origin: SCIMITAR_PUBLIC_URL when set, else what the client used to reach us. */
export function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export function contextOf(request: FastifyRequest, publicUrl: string | undefined): RequestContext {
  const actor = request.actor;
  if (!actor) throw new Error('SCIM route reached without an authenticated actor');
  return { actor, baseUrl: `${originOf(request, publicUrl)}/tenants/${actor.tenant}/scim/v2` };
}

/** Query parameters; a repeated one arrives as an array, which the parsers below refuse or join. */
type Query = Record<string, unknown>;

export function queryOf(request: FastifyRequest): Query {
  return request.query as Query;
}

/**
 * An `attributes` / `excludedAttributes` value (RFC 7644 §3.9): a comma-separated string, or a list of
 * names (a SearchRequest's JSON array, or the parameter repeated in a query string).
 */
export function attributeList(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  throw new AppError('invalidValue', `${name} must be a comma-separated list of attribute names`);
}

export function projectionOf(request: FastifyRequest) {
  const query = queryOf(request);
  return {
    attributes: attributeList('attributes', query.attributes),
    excludedAttributes: attributeList('excludedAttributes', query.excludedAttributes),
  };
}
