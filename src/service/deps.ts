import type { Actor } from '../auth/actor.ts';
import type { Store } from '../store/port.ts';

/** What every use case needs; passed in, never global, so tests can fix the clock and ids. */
export interface ServiceDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly defaultCount: number;
  readonly maxCount: number;
}

/** One SCIM request's context: who asks, and the base URL resources are published under. */
export interface RequestContext {
  readonly actor: Actor;
  /** e.g. `http://127.0.0.1:8080/tenants/default/scim/v2`, for `meta.location` and `$ref`. */
  readonly baseUrl: string;
}

/** RFC 7644 §3.9 `attributes` / `excludedAttributes` as the client sent them. */
export interface Projection {
  readonly attributes?: string | undefined;
  readonly excludedAttributes?: string | undefined;
}
