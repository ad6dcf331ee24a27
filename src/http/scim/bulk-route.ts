import type { FastifyInstance } from 'fastify';
import { runBulk } from '../../service/bulk.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { tenantSegment } from '../tenant-param.ts';
import type { TokenBuckets } from '../throttle/token-bucket.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';
import { contextOf } from './scim-context.ts';

/**
 * Operations one BulkRequest may hold (`maxOperations` in ServiceProviderConfig). Its size is bounded
 * by the body limit like any request (`maxPayloadSize`); over either, 413.
 */
export const BULK_MAX_OPERATIONS = 1000;

/**
 * POST /Bulk: 200 with a BulkResponse whenever the request itself is well formed (RFC 7644 §3.7.3).
 * Each operation that ran counts against the tenant's rate limit as a request of its own would.
 */
export function bulkRoute(
  app: FastifyInstance,
  deps: ServiceDeps,
  options: { publicUrl: string | undefined; rateLimit: TokenBuckets },
): void {
  app.post('/Bulk', async (request, reply) => {
    const response = await runBulk(
      deps,
      contextOf(request, options.publicUrl),
      request.body,
      BULK_MAX_OPERATIONS,
    );
    // The request itself took one token on the way in.
    options.rateLimit.charge(tenantSegment(request), Date.now(), response.Operations.length - 1);
    return reply.type(SCIM_CONTENT_TYPE).send(response);
  });
}
