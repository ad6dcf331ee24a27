import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { authenticator } from './auth/authenticate.ts';
import { type Config, DEFAULTS } from './config.ts';
import { startWebhookWorker } from './events/webhook-worker.ts';
import { buildApp } from './http/app.ts';
import type { ServiceDeps } from './service/deps.ts';
import type { Store } from './store/port.ts';
import { openPostgresStore } from './store/postgres/postgres-store.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';

/** Whether SCIMITAR_DATABASE names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

/** A `postgres://` URL opens the PostgreSQL adapter; anything else is a SQLite file path. */
export async function openStore(database: string): Promise<Store> {
  return isPostgresUrl(database) ? openPostgresStore(database) : openSqliteStore(database);
}

/** What every use case runs on: the store, the real clock, random ids, and the list page sizes. */
export function serviceDeps(
  store: Store,
  counts: Pick<Config, 'defaultCount' | 'maxCount'> = DEFAULTS,
): ServiceDeps {
  return {
    store,
    now: () => new Date(),
    newId: randomUUID,
    defaultCount: counts.defaultCount,
    maxCount: counts.maxCount,
  };
}

/** The composition root: config → store → services → app, and the webhook worker over the same store. */
export function compose(config: Config, store: Store) {
  const logger = pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', '*.password', 'password'], censor: '[redacted]' },
  });
  const service = serviceDeps(store, config);
  const app = buildApp({ config, service, authenticate: authenticator(store, service.now), logger });
  const startWebhooks = () => startWebhookWorker(store, config.webhooks, logger);
  return { app, logger, service, startWebhooks };
}

/** `serve`'s process: the database opened, the server composed over it, and the way to close it last. */
export async function openServer(config: Config) {
  const store = await openStore(config.database);
  return { ...compose(config, store), closeStore: () => store.close() };
}
