import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { changePassword, createAccount, disableAccount, listAccounts } from '../../service/accounts.ts';
import { listAudit } from '../../service/audit.ts';
import type { RouteOptions } from '../route-options.ts';
import { bodyOf, changeBy, optionalString, stringField, tenantOf } from './admin-request.ts';

function count(query: unknown, name: string, fallback: number, max: number): number {
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError('invalidValue', `${name} must be a whole number`);
  return Math.min(n, max);
}

/** The tenant's admin and provisioning accounts, and its audit trail. */
export function accountRoutes(app: FastifyInstance, { deps }: RouteOptions): void {
  app.get('/admins', async (request) => listAccounts(deps, tenantOf(request)));

  app.post('/admins', async (request, reply) => {
    const body = bodyOf(request);
    const kind = body.kind ?? 'admin';
    if (kind !== 'admin' && kind !== 'provisioning')
      throw new AppError('invalidValue', "kind is 'admin' or 'provisioning'");
    const input = {
      username: stringField(body, 'username'),
      password: stringField(body, 'password'),
      displayName: optionalString(body, 'displayName'),
      kind,
    } as const;
    const record = await createAccount(deps, tenantOf(request), input, changeBy(request, deps.now()));
    return reply.code(201).send(record);
  });

  app.post('/admins/:id/disable', async (request) => {
    const { id } = request.params as { id: string };
    const disabled = await disableAccount(deps, tenantOf(request), id, changeBy(request, deps.now()));
    if (!disabled) throw new AppError('notFound', `no active account '${id}'`);
    return disabled;
  });

  app.post('/admins/:id/password', async (request, reply) => {
    const { id } = request.params as { id: string };
    const password = stringField(bodyOf(request), 'password');
    if (!(await changePassword(deps, tenantOf(request), id, password, changeBy(request, deps.now()))))
      throw new AppError('notFound', `no account '${id}'`);
    return reply.code(204).send();
  });

  app.get('/audit', async (request) =>
    listAudit(
      deps,
      tenantOf(request),
      count(request.query, 'after', 0, Number.MAX_SAFE_INTEGER),
      count(request.query, 'limit', 100, 1000),
    ),
  );
}
