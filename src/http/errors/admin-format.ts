import type { AppError } from '../../errors/app-error.ts';
import { type Rendered, retryAfterHeader } from './rendered.ts';

/**
 * The admin API's own shape, `{error, status, detail}` with the catalog's code as `error`: the
 * console is its only client, so the catalog is its vocabulary and every code renders as itself. No
 * authentication challenge: the console calls with fetch, and a Basic challenge would make the
 * browser open its own password dialog.
 */
export function renderAdmin(error: AppError): Rendered {
  return {
    status: error.status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...retryAfterHeader(error),
    },
    body: { error: error.code, status: error.status, detail: error.message },
  };
}
