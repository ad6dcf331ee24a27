import type { FastifyRequest } from 'fastify';
import { parseTenantId, type TenantId } from '../store/port.ts';

/** The `:tenant` segment of a `/tenants/:tenant/…` route as sent: for cookie paths and throttling keys. */
export function tenantSegment(request: FastifyRequest): string {
  return (request.params as { tenant: string }).tenant;
}

/**
 * The tenant the URL names; undefined for a name no tenant can have, which each route answers as it
 * answers an unknown tenant, so a bad name and a missing tenant look alike.
 */
export function tenantParam(request: FastifyRequest): TenantId | undefined {
  return parseTenantId(tenantSegment(request));
}
