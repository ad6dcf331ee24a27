import type { FastifyInstance } from 'fastify';
import { listResponse } from '../../scim/list/list-response.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { searchAll } from '../../service/search-all.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';
import { contextOf } from './scim-context.ts';
import { searchParams } from './search-body.ts';

/** POST /.search at the root: every resource type at once (RFC 7644 §3.4.3). */
export function rootSearchRoute(app: FastifyInstance, deps: ServiceDeps, publicUrl: string | undefined) {
  app.post('/.search', async (request, reply) => {
    const result = await searchAll(deps, contextOf(request, publicUrl), searchParams(request.body));
    return reply
      .type(SCIM_CONTENT_TYPE)
      .send(listResponse(result.resources, result.totalResults, result.position));
  });
}
