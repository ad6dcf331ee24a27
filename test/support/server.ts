import { after, before } from 'node:test';
import { compose, openStore } from '../../src/compose.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import type { ServiceDeps } from '../../src/service/deps.ts';
import { createToken } from '../../src/service/tokens.ts';
import type { Store, TenantId } from '../../src/store/port.ts';
import { byTest } from './change.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';
import { type ScimClient, scimClient } from './scim-client.ts';

export interface TestServer {
  /** e.g. http://127.0.0.1:43210 */
  readonly origin: string;
  /** The SCIM base URL of tenant `acme`. */
  readonly base: string;
  readonly token: string;
  readonly store: Store;
  /** The use cases' deps the server runs on, for set-up the HTTP API does not offer. */
  readonly deps: ServiceDeps;
  /** The database the server uses: a SQLite path or a postgres:// URL. */
  readonly database: string;
  /** Creates another tenant with its own token. */
  tenant(name: string): Promise<{ base: string; token: string }>;
  close(): Promise<void>;
}

/** Webhook settings for tests: quick polls and retries, so a delivery test takes milliseconds. */
export const TEST_WEBHOOKS = {
  SCIMITAR_WEBHOOK_POLL_MS: '20',
  SCIMITAR_WEBHOOK_BACKOFF_MS: '50',
  SCIMITAR_WEBHOOK_LEASE_MS: '5000',
  SCIMITAR_WEBHOOK_TIMEOUT_MS: '2000',
};

/**
 * Starts the real server, with its webhook worker, on 127.0.0.1 and a random port, on a fresh
 * database of the engine under test (or on `db`, which it then drops when it closes), with `overrides`
 * on top of the default config.
 */
export async function startServer(overrides: Partial<Config> = {}, db?: TestDatabase): Promise<TestServer> {
  db ??= await freshDatabase();
  const config = {
    ...parseConfig({ port: 0, database: db.database }, TEST_WEBHOOKS),
    logLevel: process.env.SCIMITAR_TEST_LOG_LEVEL ?? 'silent',
    // Some suites create thousands of resources as fast as they can; throttling tests turn it back on.
    rateLimitPerSecond: 0,
    ...overrides,
  };
  const store = await openStore(config.database);
  const { app, service, startWebhooks } = compose(config, store);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const webhooks = startWebhooks();
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  async function tenant(name: string) {
    const now = new Date().toISOString();
    await store.tenants.create(name as TenantId, now);
    const { token } = await createToken(service, name as TenantId, 'test', byTest(now));
    return { base: `${origin}/tenants/${name}/scim/v2`, token };
  }

  const acme = await tenant('acme');
  return {
    origin,
    ...acme,
    store,
    deps: service,
    database: db.database,
    tenant,
    async close() {
      await Promise.all([app.close(), webhooks.stop()]);
      await store.close();
      await db.drop();
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
