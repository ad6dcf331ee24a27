import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { describeResourceType, describeSchema } from '../../scim/discovery/schemas.ts';
import { serviceProviderConfig } from '../../scim/discovery/service-provider-config.ts';
import { listResponse } from '../../scim/list/list-response.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { tenantSchemas } from '../../service/discovery.ts';
import { SCIM_CONTENT_TYPE } from './media-type.ts';
import { contextOf } from './scim-context.ts';

/**
 * RFC 7644 §4: /ServiceProviderConfig, /Schemas and /ResourceTypes describe exactly what we enforce,
 * for this tenant: its own extension schemas included.
 */
export function discoveryRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  options: {
    publicUrl: string | undefined;
    maxResults: number;
    maxPayloadSize: number;
    maxOperations: number;
    defaultPageSize: number;
  },
) {
  const baseOf = (request: Parameters<typeof contextOf>[0]) => contextOf(request, options.publicUrl).baseUrl;
  const described = (request: Parameters<typeof contextOf>[0]) =>
    tenantSchemas(deps, contextOf(request, options.publicUrl).actor.tenant);

  app.get('/ServiceProviderConfig', async (request, reply) =>
    reply.type(SCIM_CONTENT_TYPE).send(serviceProviderConfig(baseOf(request), options)),
  );

  app.get('/Schemas', async (request, reply) => {
    const all = (await described(request)).schemas.map((s) => describeSchema(s, baseOf(request)));
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(all, all.length, { startIndex: 1 }));
  });

  app.get<{ Params: { id: string } }>('/Schemas/:id', async (request, reply) => {
    const schema = (await described(request)).schemas.find((s) => s.id === request.params.id);
    if (!schema) throw new AppError('notFound', `schema ${request.params.id} not found`);
    return reply.type(SCIM_CONTENT_TYPE).send(describeSchema(schema, baseOf(request)));
  });

  app.get('/ResourceTypes', async (request, reply) => {
    const all = (await described(request)).resourceTypes.map((rt) =>
      describeResourceType(rt, baseOf(request)),
    );
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(all, all.length, { startIndex: 1 }));
  });

  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (request, reply) => {
    const rt = (await described(request)).resourceTypes.find((r) => r.name === request.params.id);
    if (!rt) throw new AppError('notFound', `resource type ${request.params.id} not found`);
    return reply.type(SCIM_CONTENT_TYPE).send(describeResourceType(rt, baseOf(request)));
  });
}
