import { type Command, Option } from 'commander';
import { DEFAULTS } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import { openStore } from '../main.ts';
import { parseTenantId, type Store, type Tenant } from '../store/port.ts';

/** Every command takes --database, with SCIMITAR_DATABASE as its environment equivalent. */
export function databaseOption(): Option {
  return new Option('--database <path>', 'SQLite file path, or a postgres:// URL')
    .env('SCIMITAR_DATABASE')
    .default(DEFAULTS.database);
}

/** Runs `work` with an open store and always closes it, so a CLI command never leaves a lock behind. */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(command.opts<{ database: string }>().database);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function requireTenant(store: Store, id: string): Promise<Tenant> {
  const parsed = parseTenantId(id);
  const tenant = parsed && (await store.tenants.get(parsed));
  if (!tenant) throw new AppError('notFound', `no tenant named '${id}' (see: scimitar tenant list)`);
  return tenant;
}
