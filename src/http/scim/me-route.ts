import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';

/**
 * RFC 7644 §3.11: `/Me` is the user the credential belongs to. Every credential here is an IdP's
 * connection or an account of the tenant, never one of its SCIM users, so no subject maps to a
 * resource and every method answers 501, after authentication like any other SCIM route.
 */
export function meRoutes(app: FastifyInstance): void {
  for (const url of ['/Me', '/Me/*'])
    app.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      handler: async () => {
        throw new AppError(
          'notImplemented',
          'this credential is not a user of the tenant, so /Me has no resource',
        );
      },
    });
}
