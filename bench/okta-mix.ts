// Okta's provisioning traffic for one tenant, as requests: the userName lookup before every create,
// the create, PATCHes that deactivate, reactivate or change an attribute, and group push's member add.
import type { Seeded } from './seed.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type Op = 'lookup' | 'create' | 'deactivate' | 'reactivate' | 'attribute' | 'member add';

/** One request of the mix, on the tenant's SCIM base path. */
export interface Call {
  readonly op: Op;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly body?: string;
}

/** What a call was answered; `body` only when it was a 2xx. */
export interface Answer {
  readonly status: number;
  readonly etag: string | undefined;
  readonly body: string;
}

/** Relative weights: the create mix, or its writes alone (every call a change). */
export const CREATE_MIX: Readonly<Record<Op, number>> = {
  lookup: 35,
  create: 25,
  deactivate: 8,
  reactivate: 7,
  attribute: 10,
  'member add': 15,
};
export const WRITES: Readonly<Record<Op, number>> = { ...CREATE_MIX, lookup: 0 };

export interface Tenant {
  readonly name: string;
  readonly token: string;
  /** The next call, in proportion to the mix's weights. */
  next(): Call;
  /** Learns from an answer: a created user becomes a target, a change becomes an expected event. */
  answered(call: Call, answer: Answer): void;
  /** `User/ID/VERSION` of every change the server acknowledged: each must reach the webhook endpoint. */
  readonly acknowledged: Set<string>;
}

function weighted(weights: Readonly<Record<Op, number>>): () => Op {
  const entries = Object.entries(weights) as [Op, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = Math.random() * total;
    for (const [op, w] of entries) {
      r -= w;
      if (r < 0) return op;
    }
    return entries[0]?.[0] ?? 'lookup';
  };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const patch = (...operations: unknown[]) => JSON.stringify({ schemas: [PATCH_OP], Operations: operations });

/** The key of the event a change produced, as its webhook payload's `data` names it. */
export const eventKey = (resourceType: string, id: string, version: number | string) =>
  `${resourceType}/${id}/${version}`;

/** A tenant seeded with users and groups; it creates users named `new-N@NAME.example` as it goes. */
export function oktaTenant(name: string, seeded: Seeded, weights: Readonly<Record<Op, number>>): Tenant {
  const base = `/tenants/${name}/scim/v2`;
  const users = [...seeded.userIds];
  const groups = Object.values(seeded.groups);
  // The seed wrote these through the store, not SCIM: their first version has no event.
  const unannounced = new Set([...users, ...groups]);
  const choose = weighted(weights);
  let created = 0;
  const fresh = () => `new-${created++}@${name}.example`;
  const acknowledged = new Set<string>();

  function next(): Call {
    const op = choose();
    const user = `${base}/Users/${pick(users)}`;
    switch (op) {
      case 'lookup':
        // Okta looks the userName up before each create: most find nothing.
        return {
          op,
          method: 'GET',
          path: `${base}/Users?filter=${encodeURIComponent(`userName eq "${fresh()}"`)}`,
        };
      case 'create':
        return {
          op,
          method: 'POST',
          path: `${base}/Users`,
          body: JSON.stringify({ schemas: [USER], userName: fresh(), active: true }),
        };
      case 'deactivate':
      case 'reactivate':
        return {
          op,
          method: 'PATCH',
          path: user,
          body: patch({ op: 'replace', value: { active: op === 'reactivate' } }),
        };
      case 'attribute':
        return {
          op,
          method: 'PATCH',
          path: user,
          body: patch({ op: 'replace', path: 'title', value: `Title ${created}` }),
        };
      case 'member add':
        return {
          op,
          method: 'PATCH',
          path: `${base}/Groups/${pick(groups)}`,
          body: patch({ op: 'add', path: 'members', value: [{ value: pick(users) }] }),
        };
    }
  }

  function answered(call: Call, answer: Answer): void {
    if (call.method === 'GET' || answer.status >= 300) return;
    const version = /^W\/"(\d+)"$/.exec(answer.etag ?? '')?.[1];
    const id =
      call.method === 'POST' ? (JSON.parse(answer.body) as { id: string }).id : call.path.split('/').pop();
    if (call.method === 'POST' && id) users.push(id);
    if (id && version && !(version === '1' && unannounced.has(id)))
      acknowledged.add(eventKey(call.op === 'member add' ? 'Group' : 'User', id, version));
  }

  return { name, token: seeded.token, next, answered, acknowledged };
}
