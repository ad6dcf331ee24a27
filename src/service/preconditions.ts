import { AppError } from '../errors/app-error.ts';
import type { StoredResource } from '../store/port.ts';
import type { RequestContext } from './deps.ts';
import { etagOf } from './render.ts';

/** RFC 7232 If-Match / If-None-Match as RFC 7644 §3.14 uses them: `*` or a list of tags, weak comparison. */
export function matchesEtag(header: string, etag: string): boolean {
  const current = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === current;
  });
}

/** The resource, or 404; and 412 when `If-Match` names another version. */
export function requireCurrent(
  resource: StoredResource | undefined,
  ifMatch: string | undefined,
  label: string,
): StoredResource {
  if (!resource) throw new AppError('notFound', `${label} not found`);
  if (ifMatch !== undefined && !matchesEtag(ifMatch, etagOf(resource))) {
    throw new AppError('preconditionFailed', `${label} has changed: version is ${etagOf(resource)}`);
  }
  return resource;
}

/** A read-only credential (a host application's key) may look, never change: 403, not 401. */
export function requireWriter(ctx: RequestContext): void {
  if (ctx.actor.scope !== 'write')
    throw new AppError('forbidden', `the credential '${ctx.actor.name}' may read but not change resources`);
}
