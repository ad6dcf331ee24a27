import { createAccount } from '../../src/service/accounts.ts';
import type { AccountKind, AdminRecord, TenantId } from '../../src/store/port.ts';
import { byTest } from './change.ts';
import type { TestServer } from './server.ts';

/** Creates a tenant account the way `scimitar admin create` does. */
export function addAccount(
  server: TestServer,
  tenant: string,
  username: string,
  password: string,
  kind: AccountKind = 'admin',
): Promise<AdminRecord> {
  return createAccount(server.deps, tenant as TenantId, { username, password, kind }, byTest());
}

/** An RFC 7617 Basic Authorization header value. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
