import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { authenticator } from './auth/authenticate.ts';
import type { Config } from './config.ts';
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

/** The composition root: config → store → services → app. */
export function compose(config: Config, store: Store) {
  const logger = pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', '*.password', 'password'], censor: '[redacted]' },
  });
  const service: ServiceDeps = {
    store,
    now: () => new Date(),
    newId: randomUUID,
    defaultCount: config.defaultCount,
    maxCount: config.maxCount,
  };
  const draining = new Draining();
  const app = buildApp({
    config,
    service,
    authenticate: authenticator(store, service.now),
    logger,
    draining,
  });
  return { app, logger, draining };
}
