import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createToken } from '../../src/auth/api-tokens.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import { compose, openStore } from '../../src/main.ts';
import type { Store, TenantId } from '../../src/store/port.ts';
import { type ScimClient, scimClient } from './scim-client.ts';

export interface TestServer {
  /** e.g. http://127.0.0.1:43210 */
  readonly origin: string;
  /** The SCIM base URL of tenant `acme`. */
  readonly base: string;
  readonly token: string;
  readonly store: Store;
  readonly dir: string;
  /** Creates another tenant with its own token. */
  tenant(name: string): Promise<{ base: string; token: string }>;
  close(): Promise<void>;
}

/** Starts the real server on 127.0.0.1 and a random port, on a fresh SQLite file. */
export async function startServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'scimitar-test-'));
  const config = {
    ...parseConfig({ port: 0, database: join(dir, 'scimitar.db') }, {}),
    logLevel: 'silent',
    // Some suites create thousands of resources as fast as they can; throttling tests turn it back on.
    rateLimitPerSecond: 0,
    ...overrides,
  };
  const store = openStore(config.database);
  const { app } = compose(config, store);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  async function tenant(name: string) {
    const now = new Date().toISOString();
    await store.tenants.create(name as TenantId, now);
    const { token } = await createToken(store, name as TenantId, 'test', now);
    return { base: `${origin}/tenants/${name}/scim/v2`, token };
  }

  const acme = await tenant('acme');
  return {
    origin,
    ...acme,
    store,
    dir,
    tenant,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type ServerContext = { readonly server: TestServer; readonly scim: ScimClient };

/**
 * Starts a server before a test file's tests, runs `setup` on it, and closes it after them; read the
 * fields inside tests. One hook does both, since Node 20 does not serialise root-level `before` hooks.
 */
export function useServer(
  setup?: (context: ServerContext) => Promise<void>,
  overrides: Partial<Config> = {},
): ServerContext {
  const context = {} as { server: TestServer; scim: ScimClient };
  before(async () => {
    context.server = await startServer(overrides);
    context.scim = scimClient(context.server.base, context.server.token);
    await setup?.(context);
  });
  after(() => context.server.close());
  return context;
}
