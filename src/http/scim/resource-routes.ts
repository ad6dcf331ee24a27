import type { FastifyInstance, FastifyReply } from 'fastify';
import { listResponse } from '../../scim/list/list-response.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { patchResource } from '../../service/patch-resource.ts';
import { matchesEtag } from '../../service/preconditions.ts';
import { getResource, listResources } from '../../service/read-resource.ts';
import type { ResourceKind } from '../../service/resource-kind.ts';
import type { ResourceView } from '../../service/view.ts';
import { createResource, deleteResource, replaceResource } from '../../service/write-resource.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';
import { contextOf, projectionOf, queryOf } from './scim-context.ts';
import { searchParams } from './search-body.ts';

type IdParams = { id: string };

function sendView(reply: FastifyReply, view: ResourceView, status = 200): FastifyReply {
  return reply.code(status).header('ETag', view.etag).type(SCIM_CONTENT_TYPE).send(view.body);
}

/** `/Users` or `/Groups`: the same routes over the same engine; the kind supplies what differs. */
export function resourceRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  kind: ResourceKind,
  publicUrl: string | undefined,
) {
  const base = kind.rt.endpoint;

  app.get(base, async (request, reply) => {
    const params = { ...queryOf(request), ...projectionOf(request) };
    const result = await listResources(deps, contextOf(request, publicUrl), kind, params);
    return reply
      .type(SCIM_CONTENT_TYPE)
      .send(listResponse(result.resources, result.totalResults, result.position));
  });

  app.post(`${base}/.search`, async (request, reply) => {
    const result = await listResources(deps, contextOf(request, publicUrl), kind, searchParams(request.body));
    return reply
      .type(SCIM_CONTENT_TYPE)
      .send(listResponse(result.resources, result.totalResults, result.position));
  });

  app.post(base, async (request, reply) => {
    const view = await createResource(
      deps,
      contextOf(request, publicUrl),
      kind,
      request.body,
      projectionOf(request),
    );
    const location = (view.body.meta as { location?: string } | undefined)?.location;
    if (location) reply.header('Location', location);
    return sendView(reply, view, 201);
  });

  app.get<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    const view = await getResource(
      deps,
      contextOf(request, publicUrl),
      kind,
      request.params.id,
      projectionOf(request),
    );
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, view.etag)) {
      return reply.code(304).header('ETag', view.etag).send();
    }
    return sendView(reply, view);
  });

  app.put<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    const view = await replaceResource(deps, contextOf(request, publicUrl), kind, {
      id: request.params.id,
      body: request.body,
      ifMatch: request.headers['if-match'],
      projection: projectionOf(request),
    });
    return sendView(reply, view);
  });

  app.patch<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    const projection = projectionOf(request);
    const respond =
      kind.patchAnswersWithResource ||
      projection.attributes !== undefined ||
      projection.excludedAttributes !== undefined;
    const result = await patchResource(deps, contextOf(request, publicUrl), kind, {
      id: request.params.id,
      body: request.body,
      ifMatch: request.headers['if-match'],
      projection,
      respond,
    });
    if ('body' in result) return sendView(reply, result);
    return reply.code(204).header('ETag', result.etag).send();
  });

  app.delete<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await deleteResource(deps, contextOf(request, publicUrl), kind, {
      id: request.params.id,
      ifMatch: request.headers['if-match'],
    });
    return reply.code(204).send();
  });
}
