import { send, type Target } from './http.ts';
import type { StepRequest, StepResponse } from './step.ts';

type Endpoint = 'Users' | 'Groups';

/** One `scimitar check` run: where it goes, the prefix of what it creates, and what it has created. */
export interface Session {
  readonly target: Target;
  readonly prefix: string;
  readonly created: Created;
  /** Whether the server has answered anything yet: a failed connection before that is "unreachable". */
  answered: boolean;
  /** Once aborted, no further step starts; what was created is still deleted. */
  readonly stop: AbortSignal;
}

export function newSession(target: Target, prefix: string, stop = new AbortController().signal): Session {
  return { target, prefix, created: new Created(), answered: false, stop };
}

interface Resource {
  readonly endpoint: Endpoint;
  /** Known unless the server created it without returning an id; then it is looked up by name. */
  readonly id?: string;
  readonly name: string;
}

/** Every user and group the run created and has not deleted, learnt from the traffic itself. */
export class Created {
  readonly #resources = new Map<string, Resource>();

  observe(request: StepRequest, response: StepResponse): void {
    const ok = response.status >= 200 && response.status < 300;
    if (request.method === 'POST' && request.path.startsWith('/Bulk') && ok)
      this.#observeBulk(request, response);
    const collection = /^\/(Users|Groups)(?:\?|$)/.exec(request.path);
    if (request.method === 'POST' && collection && ok) {
      const body = response.body as { id?: unknown } | undefined;
      const sent = request.body as { userName?: unknown; displayName?: unknown };
      const name = String(sent.userName ?? sent.displayName);
      const id = typeof body?.id === 'string' ? body.id : undefined;
      this.#resources.set(id ?? `?${name}`, {
        endpoint: collection[1] as Endpoint,
        name,
        ...(id ? { id } : {}),
      });
    }
    const one = /^\/(?:Users|Groups)\/([^/?]+)/.exec(request.path);
    if (request.method === 'DELETE' && one && (ok || response.status === 404))
      this.#resources.delete(decodeURIComponent(one[1] ?? ''));
  }

  /** A BulkResponse names what each POST created by its location, in the order of the request's operations. */
  #observeBulk(request: StepRequest, response: StepResponse): void {
    const sent =
      (
        request.body as {
          Operations?: { bulkId?: string; data?: { userName?: unknown; displayName?: unknown } }[];
        }
      ).Operations ?? [];
    const answers = (
      response.body as { Operations?: { bulkId?: string; status?: string; location?: string }[] }
    )?.Operations;
    for (const answer of Array.isArray(answers) ? answers : []) {
      const created = /\/(Users|Groups)\/([^/?]+)$/.exec(answer.location ?? '');
      if (answer.status !== '201' || !created) continue;
      const data = sent.find((op) => op.bulkId !== undefined && op.bulkId === answer.bulkId)?.data;
      const id = decodeURIComponent(created[2] ?? '');
      this.#resources.set(id, {
        endpoint: created[1] as Endpoint,
        name: String(data?.userName ?? data?.displayName),
        id,
      });
    }
  }

  /** Groups first, so that no server is asked to delete a user that is still a member. */
  list(): Resource[] {
    return [...this.#resources.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  }
}

interface Leftover {
  readonly endpoint: Endpoint;
  readonly name: string;
  readonly id?: string;
  readonly problem: string;
}

export interface Cleanup {
  readonly deleted: number;
  readonly left: readonly Leftover[];
}

const SCIM_JSON = { Accept: 'application/scim+json' };

/** Deletes what the run created; anything it cannot delete is reported, never retried blindly. */
export async function cleanUp(session: Session): Promise<Cleanup> {
  let deleted = 0;
  const left: Leftover[] = [];
  for (const resource of session.created.list()) {
    const id = resource.id ?? (await lookUp(session, resource));
    if (!id) {
      left.push({ ...resource, problem: 'created without an id, and not found by name' });
      continue;
    }
    const path = `/${resource.endpoint}/${encodeURIComponent(id)}`;
    const exchange = await send(session, session.target.base + path, { method: 'DELETE', path }, SCIM_JSON);
    const status = exchange.kind === 'answered' ? exchange.response.status : undefined;
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) deleted += 1;
    else
      left.push({ ...resource, id, problem: status ? `DELETE answered ${status}` : 'DELETE got no answer' });
  }
  return { deleted, left };
}

async function lookUp(session: Session, resource: Resource): Promise<string | undefined> {
  const attribute = resource.endpoint === 'Users' ? 'userName' : 'displayName';
  const path = `/${resource.endpoint}?filter=${encodeURIComponent(`${attribute} eq "${resource.name}"`)}`;
  const exchange = await send(session, session.target.base + path, { method: 'GET', path }, SCIM_JSON);
  if (exchange.kind !== 'answered') return undefined;
  const found = (exchange.response.body as { Resources?: { id?: unknown }[] } | undefined)?.Resources?.[0]
    ?.id;
  return typeof found === 'string' ? found : undefined;
}
