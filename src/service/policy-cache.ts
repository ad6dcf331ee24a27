import { type Policy, parsePolicy } from '../scim/policy/index.ts';
import type { Store, TenantId } from '../store/port.ts';

/**
 * How long a process trusts its parsed copy of a tenant's policy before reading it again: the bound
 * within which a policy set by another process (another worker, another host, the CLI) takes effect
 * here. A policy set through this process's store replaces its copy at once.
 */
export const POLICY_MAX_AGE_MS = 5_000;

/** Tenants whose policy a process keeps at once; any URL may name a tenant, so the map is bounded. */
const MAX_TENANTS = 4096;

interface Cached {
  readonly policy: Promise<Policy>;
  /** performance.now() when the read began: a monotonic clock, unlike the service's `now`. */
  readonly readAt: number;
}

// One cache per store, so every door that sets a policy through a store (SCIM's process, the admin
// API, the CLI) replaces the copy the others read through the same store without being handed it.
const caches = new WeakMap<Store, Map<TenantId, Cached>>();

function cacheOf(store: Store): Map<TenantId, Cached> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
}

function remember(cache: Map<TenantId, Cached>, tenant: TenantId, policy: Promise<Policy>): void {
  cache.delete(tenant);
  if (cache.size >= MAX_TENANTS) cache.delete(cache.keys().next().value as TenantId);
  cache.set(tenant, { policy, readAt: performance.now() });
}

/**
 * The tenant's parsed policy (`{}` for a tenant without one). In the steady state no database
 * round trip: one read per tenant per POLICY_MAX_AGE_MS, shared by the requests that ask meanwhile.
 */
export function policyOf(store: Store, tenant: TenantId): Promise<Policy> {
  const cache = cacheOf(store);
  const hit = cache.get(tenant);
  if (hit && performance.now() - hit.readAt < POLICY_MAX_AGE_MS) return hit.policy;
  const policy = store
    .forTenant(tenant)
    .policy.get()
    .then((json) => parsePolicy(json ?? {}));
  remember(cache, tenant, policy);
  // A failed read is not kept: the next request reads again.
  policy.catch(() => {
    if (cache.get(tenant)?.policy === policy) cache.delete(tenant);
  });
  return policy;
}

/** Replaces this process's copy after a set has committed. */
export function replaceCachedPolicy(store: Store, tenant: TenantId, policy: Policy): void {
  remember(cacheOf(store), tenant, Promise.resolve(policy));
}
