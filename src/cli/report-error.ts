import { AppError } from '../errors/app-error.ts';
import type { ErrorCode } from '../errors/catalog.ts';
import { StoreUnavailableError } from '../store/port.ts';

/**
 * The exit status of each code: 1 when the command failed (the message says why), 2 when
 * `scimitar check` could not run at all (its own 1 means a step failed).
 */
const EXIT_STATUS: Record<ErrorCode, 1 | 2> = {
  invalidFilter: 1,
  uniqueness: 1,
  mutability: 1,
  invalidSyntax: 1,
  invalidPath: 1,
  noTarget: 1,
  invalidValue: 1,
  unauthenticated: 1,
  forbidden: 1,
  notFound: 1,
  methodNotAllowed: 1,
  requestTimeout: 1,
  conflict: 1,
  preconditionFailed: 1,
  bodyTooLarge: 1,
  unsupportedMediaType: 1,
  rateLimited: 1,
  headersTooLarge: 1,
  internal: 1,
  notImplemented: 1,
  unavailable: 1,
  invalidRequest: 1,
  invalidClient: 1,
  invalidGrant: 1,
  unauthorizedClient: 1,
  unsupportedGrantType: 1,
  unsupportedResponseType: 1,
  invalidScope: 1,
  accessDenied: 1,
  usage: 2,
  unreachable: 2,
};

/** What a failed command prints on stderr and the status it exits with. */
export function renderCliError(error: unknown): { readonly text: string; readonly status: number } {
  if (error instanceof AppError) return { text: error.message, status: EXIT_STATUS[error.code] };
  if (error instanceof StoreUnavailableError) return { text: error.message, status: EXIT_STATUS.unavailable };
  // Not one we expected: the stack is what a bug report needs.
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return { text: message, status: EXIT_STATUS.internal };
}

/** Prints the failure of `command` (`scimitar`, `scimitar check`) as `command: message`; the exit status. */
export function reportError(command: string, error: unknown): number {
  const { text, status } = renderCliError(error);
  process.stderr.write(`${command}: ${text}\n`);
  return status;
}
