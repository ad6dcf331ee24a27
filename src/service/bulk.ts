import { AppError } from '../errors/app-error.ts';
import { executionOrder, referencesOf, substitute } from '../scim/bulk/bulk-references.ts';
import {
  BULK_RESPONSE,
  type BulkOperation,
  type MalformedOperation,
  parseBulkRequest,
} from '../scim/bulk/bulk-request.ts';
import { scimErrorBody } from '../scim/errors.ts';
import type { RequestContext, ServiceDeps } from './deps.ts';
import { patchResource } from './patch-resource.ts';
import { requireWriter } from './preconditions.ts';
import { GROUPS, type ResourceKind, USERS } from './resource-kind.ts';
import { createResource, deleteResource, replaceResource } from './write-resource.ts';

/** One entry of a BulkResponse (RFC 7644 §3.7.3); `status` is a string there, as in errors. */
export interface BulkResult {
  readonly method: string | undefined;
  readonly bulkId?: string;
  readonly version?: string;
  readonly location?: string;
  readonly status: string;
  readonly response?: ReturnType<typeof scimErrorBody>;
}

const KINDS: ReadonlyMap<string, ResourceKind> = new Map([
  [USERS.rt.endpoint, USERS],
  [GROUPS.rt.endpoint, GROUPS],
]);

/** `/Users` (a POST's target) or `/Users/{id}` (everything else's). */
function target(op: BulkOperation): { kind: ResourceKind; id: string | undefined } {
  const [, endpoint = '', id, ...rest] = op.path.split('/');
  const kind = KINDS.get(`/${endpoint}`);
  const wantsId = op.method !== 'POST';
  if (!kind || rest.length > 0 || (id !== undefined && id === '') || wantsId !== (id !== undefined)) {
    const example = wantsId ? '"/Users/{id}" or "/Groups/{id}"' : '"/Users" or "/Groups"';
    throw new AppError('invalidPath', `a bulk ${op.method} path must be ${example}, not '${op.path}'`);
  }
  return { kind, id: id === undefined ? undefined : decodeURIComponent(id) };
}

/**
 * Runs one operation through the use case its own request would call, and so in its own transaction
 * with its own audit entry and event. `created`: the id a POST created.
 */
async function run(
  deps: ServiceDeps,
  ctx: RequestContext,
  op: BulkOperation,
): Promise<BulkResult & { created?: string }> {
  const { kind, id } = target(op);
  const echo = { method: op.method, ...(op.bulkId === undefined ? {} : { bulkId: op.bulkId }) };
  // The answer carries no resource, so nothing reads a group's members to render one.
  const projection = { excludedAttributes: kind.edgeAttribute };
  const location = (resourceId: string) => `${ctx.baseUrl}${kind.rt.endpoint}/${resourceId}`;
  if (id === undefined) {
    const view = await createResource(deps, ctx, kind, op.data, projection);
    return { ...echo, version: view.etag, location: location(view.id), status: '201', created: view.id };
  }
  const request = { id, body: op.data, ifMatch: op.version, projection };
  if (op.method === 'DELETE') {
    await deleteResource(deps, ctx, kind, request);
    return { ...echo, location: location(id), status: '204' };
  }
  const { etag } =
    op.method === 'PUT'
      ? await replaceResource(deps, ctx, kind, request)
      : await patchResource(deps, ctx, kind, { ...request, respond: false });
  return { ...echo, version: etag, location: location(id), status: '200' };
}

function failed(op: { method: string | undefined; bulkId: string | undefined }, error: AppError): BulkResult {
  return {
    method: op.method,
    ...(op.bulkId === undefined ? {} : { bulkId: op.bulkId }),
    status: String(error.status),
    response: scimErrorBody(error),
  };
}

/**
 * POST /Bulk (RFC 7644 §3.7). Each operation is its own transaction with its own audit entry and
 * event, run after the operations whose `bulkId:` it refers to (in request order otherwise), with
 * those references replaced by the ids they created. Circular references are refused with 409, as
 * §3.7.1 allows; after `failOnErrors` failures nothing more runs. Answers come in request order, for
 * the operations that ran.
 */
export async function runBulk(
  deps: ServiceDeps,
  ctx: RequestContext,
  body: unknown,
  maxOperations: number,
): Promise<{ schemas: string[]; Operations: BulkResult[] }> {
  requireWriter(ctx);
  const request = parseBulkRequest(body, maxOperations);
  const operations = request.operations.map((op) => ({
    op,
    refs: 'error' in op ? new Set<string>() : referencesOf([op.path.split('/'), op.data]),
  }));
  const declared = new Set(request.operations.flatMap((op) => (op.bulkId === undefined ? [] : [op.bulkId])));
  const ids = new Map<string, string>();
  const results = new Map<number, BulkResult>();
  const { order, circular } = executionOrder(operations.map(({ op, refs }) => ({ bulkId: op.bulkId, refs })));
  let errors = 0;
  const settle = (index: number, result: BulkResult) => {
    results.set(index, result);
    if (result.response) errors++;
  };

  for (const index of [...order, ...circular]) {
    if (request.failOnErrors !== undefined && errors >= request.failOnErrors) break;
    const { op, refs } = operations[index] as { op: BulkOperation | MalformedOperation; refs: Set<string> };
    if ('error' in op) {
      settle(index, failed(op, op.error));
      continue;
    }
    const unresolved = [...refs].filter((ref) => !ids.has(ref));
    const unknown = unresolved.find((ref) => !declared.has(ref));
    if (unknown !== undefined) {
      settle(index, failed(op, new AppError('invalidValue', `no operation has bulkId '${unknown}'`)));
      continue;
    }
    if (unresolved.length > 0) {
      const why = circular.includes(index) ? 'is part of a circular chain of references' : 'created nothing';
      const detail = `bulkId '${unresolved[0]}' cannot be resolved: its operation ${why}`;
      settle(index, failed(op, new AppError('conflict', detail)));
      continue;
    }
    try {
      const path = (substitute(op.path.split('/'), ids) as string[]).join('/');
      const resolved = { ...op, path, data: substitute(op.data, ids) };
      const { created, ...result } = await run(deps, ctx, resolved);
      if (op.bulkId !== undefined && created !== undefined) ids.set(op.bulkId, created);
      settle(index, result);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      settle(index, failed(op, error));
    }
  }
  const answered = [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
  return { schemas: [BULK_RESPONSE], Operations: answered };
}
