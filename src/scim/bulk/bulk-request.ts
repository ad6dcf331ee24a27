import { AppError } from '../../errors/app-error.ts';

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'] satisfies BulkMethod[];

/** One operation of a BulkRequest (RFC 7644 §3.7), as the client sent it. */
export interface BulkOperation {
  /** Its place in the request: answers come back in request order whatever order they ran in. */
  readonly index: number;
  readonly method: BulkMethod;
  readonly bulkId: string | undefined;
  /** The ETag the resource must still have (RFC 7644 §3.7: `version`, an If-Match per operation). */
  readonly version: string | undefined;
  readonly path: string;
  readonly data: unknown;
}

/** An operation that cannot run as sent; it is answered with its own error, the others still run. */
export interface MalformedOperation {
  readonly index: number;
  readonly method: string | undefined;
  readonly bulkId: string | undefined;
  readonly error: AppError;
}

export interface BulkRequest {
  /** Stop after this many failed operations; undefined: run them all. */
  readonly failOnErrors: number | undefined;
  readonly operations: readonly (BulkOperation | MalformedOperation)[];
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function parseOperation(raw: unknown, index: number): BulkOperation | MalformedOperation {
  const op = (raw ?? {}) as Record<string, unknown>;
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : undefined;
  const bulkId = text(op.bulkId);
  const fail = (detail: string): MalformedOperation => ({
    index,
    method,
    bulkId,
    error: new AppError('invalidValue', `operation ${index + 1}: ${detail}`),
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be an object');
  if (!method || !METHODS.includes(method)) return fail('method must be POST, PUT, PATCH or DELETE');
  const path = text(op.path);
  if (!path) return fail('a path such as "/Users" or "/Groups/{id}" is required');
  if (method === 'POST' && !bulkId) return fail('a POST needs a bulkId (RFC 7644 §3.7)');
  if (method !== 'DELETE' && (typeof op.data !== 'object' || op.data === null))
    return fail(`a ${method} needs its resource or PatchOp in "data"`);
  if (op.version !== undefined && !text(op.version)) return fail('version must be an ETag string');
  return { index, method: method as BulkMethod, bulkId, version: text(op.version), path, data: op.data };
}

/**
 * Reads a BulkRequest. The envelope must be right (400 otherwise, 413 over `maxOperations`); each
 * operation is checked on its own, so one malformed operation fails alone.
 */
export function parseBulkRequest(body: unknown, maxOperations: number): BulkRequest {
  const request = (body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('invalidSyntax', 'the body must be a BulkRequest object');
  if (!Array.isArray(request.schemas) || !request.schemas.includes(BULK_REQUEST))
    throw new AppError('invalidSyntax', `schemas must contain ${BULK_REQUEST}`);
  const operations = request.Operations;
  if (!Array.isArray(operations) || operations.length === 0)
    throw new AppError('invalidSyntax', 'Operations must be a non-empty array');
  if (operations.length > maxOperations)
    throw new AppError(
      'bodyTooLarge',
      `a bulk request may hold at most ${maxOperations} operations (maxOperations)`,
    );
  const failOnErrors = request.failOnErrors;
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1))
    throw new AppError('invalidValue', 'failOnErrors must be a whole number of at least 1');
  const parsed = operations.map(parseOperation);
  const seen = new Set<string>();
  for (const op of parsed) {
    if (op.bulkId === undefined) continue;
    if (seen.has(op.bulkId)) throw new AppError('invalidValue', `bulkId '${op.bulkId}' is used twice`);
    seen.add(op.bulkId);
  }
  return { failOnErrors: failOnErrors as number | undefined, operations: parsed };
}
