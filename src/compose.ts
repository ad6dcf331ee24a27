import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { authenticator } from './auth/authenticate.ts';
import { type Config, DEFAULTS } from './config.ts';
import { startWebhookWorker } from './events/webhook-worker.ts';
import { buildApp } from './http/app.ts';
import { Draining } from './http/draining.ts';
import type { ServiceDeps } from './service/deps.ts';
import type { Store } from './store/port.ts';
import { openPostgresDriver } from './store/postgres/postgres-driver.ts';
import { sqlStore } from './store/sql/sql-store.ts';
import { openSqliteDriver } from './store/sqlite/sqlite-driver.ts';

/** Whether SCIMITAR_DATABASE names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

/** A `postgres://` URL opens the PostgreSQL adapter; anything else is a SQLite file path. */
export async function openStore(database: string): Promise<Store> {
  return sqlStore(isPostgresUrl(database) ? await openPostgresDriver(database) : openSqliteDriver(database));
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
  const draining = new Draining();
  const app = buildApp({
    config,
    service,
    authenticate: authenticator(store, service.now),
    logger,
    draining,
  });
  const startWebhooks = () => startWebhookWorker(store, config.webhooks, logger);
  return { app, logger, service, draining, startWebhooks };
}

/** `serve`'s process: the database opened, the server composed over it, and the way to close it last. */
export async function openServer(config: Config) {
  const store = await openStore(config.database);
  return { ...compose(config, store), closeStore: () => store.close() };
}
