import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { authenticator } from './auth/authenticate.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import type { ServiceDeps } from './service/deps.ts';
import type { Store } from './store/port.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';

export function openStore(database: string): Store {
  if (/^postgres(ql)?:\/\//.test(database)) {
    throw new Error('PostgreSQL is not supported yet: give SCIMITAR_DATABASE a SQLite file path');
  }
  return openSqliteStore(database);
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
  const app = buildApp({ config, service, authenticate: authenticator(store, service.now), logger });
  return { app, logger };
}
