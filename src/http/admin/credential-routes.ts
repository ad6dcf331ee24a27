import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { deleteClient, listClients, registerClient } from '../../service/oauth/clients.ts';
import { listSigningKeys, rotateSigningKey } from '../../service/signing-keys.ts';
import { createToken, expiryAfter, listTokens, revokeApiToken } from '../../service/tokens.ts';
import type { RouteOptions } from '../route-options.ts';
import { bodyOf, changeBy, optionalString, stringField, tenantOf } from './admin-request.ts';

/** API tokens, OAuth app registrations and JWT signing keys. Secrets appear once, in the 201. */
export function credentialRoutes(app: FastifyInstance, { deps }: RouteOptions): void {
  app.get('/tokens', async (request) => listTokens(deps, tenantOf(request)));

  app.post('/tokens', async (request, reply) => {
    const body = bodyOf(request);
    const at = deps.now();
    const expiresIn = optionalString(body, 'expiresIn');
    const options = {
      expiresAt: expiresIn === undefined ? undefined : expiryAfter(expiresIn, at, 'expiresIn'),
      scope: body.readOnly === true ? ('read' as const) : ('write' as const),
    };
    const created = await createToken(
      deps,
      tenantOf(request),
      stringField(body, 'name'),
      changeBy(request, at),
      options,
    );
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ token: created.token, ...created.record });
  });

  app.delete('/tokens/:nameOrId', async (request, reply) => {
    const { nameOrId } = request.params as { nameOrId: string };
    if (!(await revokeApiToken(deps, tenantOf(request), nameOrId, changeBy(request, deps.now()))))
      throw new AppError('notFound', `no live token '${nameOrId}'`);
    return reply.code(204).send();
  });

  app.get('/oauth-clients', async (request) => listClients(deps, tenantOf(request)));

  app.post('/oauth-clients', async (request, reply) => {
    const body = bodyOf(request);
    const uris = body.redirectUris ?? [];
    if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string'))
      throw new AppError('invalidValue', 'redirectUris must be a list of URLs');
    if (body.allowClientCredentials !== undefined && typeof body.allowClientCredentials !== 'boolean')
      throw new AppError('invalidValue', 'allowClientCredentials must be true or false');
    const input = {
      name: stringField(body, 'name'),
      redirectUris: uris as string[],
      allowClientCredentials: body.allowClientCredentials === true,
    };
    const change = changeBy(request, deps.now());
    const { client, secret } = await registerClient(deps, tenantOf(request), input, change);
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ ...client, clientSecret: secret });
  });

  app.delete('/oauth-clients/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!(await deleteClient(deps, tenantOf(request), id, changeBy(request, deps.now()))))
      throw new AppError('notFound', `no OAuth client '${id}'`);
    return reply.code(204).send();
  });

  app.get('/keys', async (request) => listSigningKeys(deps, tenantOf(request)));

  app.post('/keys/rotate', async (request, reply) => {
    const { secret: _, ...key } = await rotateSigningKey(
      deps,
      tenantOf(request),
      changeBy(request, deps.now()),
    );
    return reply.code(201).send(key);
  });
}
