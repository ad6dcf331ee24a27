import { type Command, Option } from 'commander';
import { openStore, serviceDeps } from '../compose.ts';
import { DEFAULTS } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServiceDeps } from '../service/deps.ts';
import { getTenant } from '../service/tenants.ts';
import type { Tenant } from '../store/port.ts';

/** Every command takes --database, with SCIMITAR_DATABASE as its environment equivalent. */
export function databaseOption(): Option {
  return new Option('--database <path>', 'SQLite file path, or a postgres:// URL')
    .env('SCIMITAR_DATABASE')
    .default(DEFAULTS.database);
}

/**
 * Runs `work` with the use cases over an open store and always closes it, so a CLI command never
 * leaves a lock behind. The one place a command opens the database; commands reach it only through
 * the use cases.
 */
export async function withService<T>(command: Command, work: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const store = await openStore(command.opts<{ database: string }>().database);
  try {
    return await work(serviceDeps(store));
  } finally {
    await store.close();
  }
}

export async function requireTenant(deps: ServiceDeps, id: string): Promise<Tenant> {
  const tenant = await getTenant(deps, id);
  if (!tenant) throw new AppError('notFound', `no tenant named '${id}' (see: scimitar tenant list)`);
  return tenant;
}
