import type { ServiceDeps } from './deps.ts';

/** Facts for the readiness endpoint, e.g. the engine's durability settings; throws when the database is down. */
export function storeHealth(deps: ServiceDeps): Promise<Record<string, unknown>> {
  return deps.store.health();
}
