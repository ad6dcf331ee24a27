import type { FastifyInstance } from 'fastify';
import { rotateSigningKey } from '../../auth/admin-jwt.ts';
import { createToken, revokeApiToken } from '../../auth/api-tokens.ts';
import { deleteClient, registerClient } from '../../auth/oauth-clients.ts';
import { parseDuration } from '../../config.ts';
import { AppError } from '../../errors/app-error.ts';
import {
  type AdminApiOptions,
  bodyOf,
  changeBy,
  optionalString,
  stringField,
  tenantOf,
} from './admin-request.ts';

function expiresAt(duration: string | undefined, now: Date): string | undefined {
  if (duration === undefined) return undefined;
  try {
    return new Date(now.getTime() + parseDuration(duration) * 1000).toISOString();
  } catch (error) {
    throw new AppError('invalidValue', `expiresIn: ${(error as Error).message}`);
  }
}

/** API tokens, OAuth app registrations and JWT signing keys. Secrets appear once, in the 201. */
export function credentialRoutes(app: FastifyInstance, { store, now }: AdminApiOptions): void {
  app.get('/tokens', async (request) => store.forTenant(tenantOf(request)).tokens.list());

  app.post('/tokens', async (request, reply) => {
    const body = bodyOf(request);
    const at = now();
    const options = {
      expiresAt: expiresAt(optionalString(body, 'expiresIn'), at),
      scope: body.readOnly === true ? ('read' as const) : ('write' as const),
    };
    const created = await createToken(
      store,
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
    if (!(await revokeApiToken(store, tenantOf(request), nameOrId, changeBy(request, now()))))
      throw new AppError('notFound', `no live token '${nameOrId}'`);
    return reply.code(204).send();
  });

  app.get('/oauth-clients', async (request) => store.forTenant(tenantOf(request)).oauth.listClients());

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
    const change = changeBy(request, now());
    const { client, secret } = await registerClient(store, tenantOf(request), input, change);
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ ...client, clientSecret: secret });
  });

  app.delete('/oauth-clients/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!(await deleteClient(store, tenantOf(request), id, changeBy(request, now()))))
      throw new AppError('notFound', `no OAuth client '${id}'`);
    return reply.code(204).send();
  });

  app.get('/keys', async (request) =>
    (await store.forTenant(tenantOf(request)).signingKeys.list()).map(({ secret: _, ...key }) => key),
  );

  app.post('/keys/rotate', async (request, reply) => {
    const { secret: _, ...key } = await rotateSigningKey(store, tenantOf(request), changeBy(request, now()));
    return reply.code(201).send(key);
  });
}
