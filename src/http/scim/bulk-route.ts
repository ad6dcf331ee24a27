import type { FastifyInstance } from 'fastify';
import { runBulk } from '../../service/bulk.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';
import { contextOf } from './scim-context.ts';

/**
 * Operations one BulkRequest may hold (`maxOperations` in ServiceProviderConfig). Its size is bounded
 * by the body limit like any request (`maxPayloadSize`); over either, 413.
 */
export const BULK_MAX_OPERATIONS = 1000;

/** POST /Bulk: 200 with a BulkResponse whenever the request itself is well formed (RFC 7644 §3.7.3). */
export function bulkRoute(app: FastifyInstance, deps: ServiceDeps, publicUrl: string | undefined): void {
  app.post('/Bulk', async (request, reply) => {
    const response = await runBulk(deps, contextOf(request, publicUrl), request.body, BULK_MAX_OPERATIONS);
    return reply.type(SCIM_CONTENT_TYPE).send(response);
  });
}
