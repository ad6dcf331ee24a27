import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.ts';
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

type Query = Record<string, string | undefined>;

export function queryOf(request: FastifyRequest): Query {
  return request.query as Query;
}

/** `attributes` / `excludedAttributes` from the query string (RFC 7644 §3.9). */
export function projectionOf(request: FastifyRequest) {
  const query = queryOf(request);
  return { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
}
