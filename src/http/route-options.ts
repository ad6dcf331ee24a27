import type { ServiceDeps } from '../service/deps.ts';
import type { LoginGuard } from './throttle/login-guard.ts';

/** What the credential endpoints (OAuth, JWT, admin API) are registered with: the use cases' deps, and the sign-in throttle. */
export interface RouteOptions {
  readonly deps: ServiceDeps;
  readonly guard: LoginGuard;
}
