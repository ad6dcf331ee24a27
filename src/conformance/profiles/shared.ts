// Steps and request pieces that more than one IdP profile sends.
import { PATCH_OP_SCHEMA } from '../../scim/patch/parse-patch-request.ts';
import {
  docOf,
  equals,
  equalsFact,
  idOf,
  jsonBody,
  list,
  mark,
  membersAre,
  resourceOrNoContent,
  scimError,
  status,
  valueAt,
} from '../checks.ts';
import { type Check, type FactName, type Facts, type Step, step } from '../step.ts';

export { GROUP_SCHEMA as GROUP } from '../../scim/schema/core-group.ts';
export { USER_SCHEMA as USER } from '../../scim/schema/core-user.ts';
export { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '../../scim/schema/enterprise-user.ts';

function patchOp(...operations: unknown[]) {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** Okta's encoding: `%20` for spaces, with the paging parameters it always adds. */
export const oktaFilter = (expression: string) =>
  `filter=${encodeURIComponent(expression)}&startIndex=1&count=100`;

/** Entra's encoding: `+` for spaces. */
export const entraFilter = (expression: string) =>
  `filter=${encodeURIComponent(expression).replaceAll('%20', '+')}`;

export const NO_MATCH_HINT =
  'A filter that matches nothing must answer 200 with a ListResponse of totalResults 0 and no Resources. ' +
  'Okta’s Spec Test asserts it; Entra quarantines the whole provisioning job on a 404.';

const PATCH_HINT =
  'Answer a PATCH with 200 and the resource, or 204 with no body (RFC 7644 §3.5.2); a 200 with an empty ' +
  'body breaks both IdPs.';

/** A lookup that must come back empty: Okta's before every create, Entra's test connection. */
export function emptyLookup(name: string, path: string, headers?: Record<string, string>): Step {
  const request = { method: 'GET', path, ...(headers ? { headers } : {}) } as const;
  return step({ name, hint: NO_MATCH_HINT, request: () => request, expect: list(0) });
}

/** A further user the flow needs, as a group member or a manager. */
export function extraUser(name: string, fact: 'member' | 'manager', body: unknown): Step {
  return step({
    name,
    hint: 'POST /Users must answer 201 with the user and its id.',
    request: () => ({ method: 'POST', path: '/Users', body }),
    expect: [status(201), jsonBody],
    saves: fact === 'member' ? { member: idOf } : { manager: idOf },
  });
}

/** A filter an IdP sends; `expect` runs on the ListResponse. */
export function lookup<K extends FactName = never>(
  name: string,
  hint: string,
  path: (facts: Pick<Facts, K>) => string,
  needs: readonly K[],
  expect: readonly Check<K>[],
): Step {
  return step({ name, hint, needs, request: (facts) => ({ method: 'GET', path: path(facts) }), expect });
}

/** A PATCH of the flow's user or group; the read-backs after it wait for its acknowledgement. */
export function patchStep<K extends FactName = never>(def: {
  name: string;
  hint: string;
  of: 'user' | 'group';
  needs?: readonly K[];
  operations: (facts: Pick<Facts, K>) => unknown[];
  expect?: readonly Check[];
}): Step {
  const { of } = def;
  return step({
    name: def.name,
    hint: `${def.hint} ${PATCH_HINT}`,
    needs: [of, ...(def.needs ?? [])],
    request: (facts) => ({
      method: 'PATCH',
      path: `/${of === 'user' ? 'Users' : 'Groups'}/${facts[of]}`,
      body: patchOp(...def.operations(facts)),
    }),
    expect: [resourceOrNoContent, ...(def.expect ?? [])],
    saves: of === 'user' ? { userChanged: mark } : { groupChanged: mark },
  });
}

type Endpoint = 'Users' | 'Groups';

/** Which facts hold a resource's id and its "last change acknowledged" mark. */
const FACTS = {
  Users: { id: 'user', changed: 'userChanged' },
  Groups: { id: 'group', changed: 'groupChanged' },
} as const;

/** A read of a resource the flow made, kept for a later GET + PUT. */
export function readResource(endpoint: Endpoint, name: string): Step {
  const { id } = FACTS[endpoint];
  return step({
    name,
    hint: `GET /${endpoint}/{id} must answer 200 with the resource the server created, under the id it returned.`,
    needs: [id],
    request: (facts) => ({ method: 'GET', path: `/${endpoint}/${facts[id]}` }),
    expect: [status(200), jsonBody, equalsFact('id', id)],
    saves: endpoint === 'Users' ? { userDoc: docOf } : { groupDoc: docOf },
  });
}

/** A read-back after a change, run only when the server acknowledged that change. */
export function readBack<K extends FactName = never>(
  endpoint: Endpoint,
  def: {
    name: string;
    hint: string;
    needs?: readonly K[];
    query?: string;
    expect: readonly Check<K | 'user' | 'group'>[];
  },
): Step {
  const { id, changed } = FACTS[endpoint];
  return step({
    name: def.name,
    hint: def.hint,
    needs: [id, changed, ...(def.needs ?? [])],
    request: (facts) => ({ method: 'GET', path: `/${endpoint}/${facts[id]}${def.query ?? ''}` }),
    expect: [status(200), jsonBody, ...def.expect],
  });
}

/** After a membership change the group lists exactly these users. */
export function membersReadBack<K extends 'user' | 'member'>(
  name: string,
  users: K[],
  ...expect: Check[]
): Step {
  return readBack('Groups', {
    name,
    hint: 'After a membership change GET /Groups/{id} must list exactly the members, each as {value: id}.',
    needs: users,
    expect: [membersAre(...users), ...expect],
  });
}

/** DELETE, then the resource is gone: 404 on a read (RFC 7644 §3.6). */
export function deleteSteps(endpoint: Endpoint, label: string): Step[] {
  const { id, changed } = FACTS[endpoint];
  return [
    step({
      name: `${label}: DELETE /${endpoint}/{id}`,
      hint: 'DELETE must answer 204 No Content.',
      needs: [id],
      request: (facts) => ({ method: 'DELETE', path: `/${endpoint}/${facts[id]}` }),
      expect: [status(204)],
      saves: endpoint === 'Users' ? { userChanged: mark } : { groupChanged: mark },
    }),
    step({
      name: `${label}: a deleted resource is 404`,
      hint: 'After a DELETE, GET on the id must answer 404 with a SCIM error, not 200 or 410.',
      needs: [id, changed],
      request: (facts) => ({ method: 'GET', path: `/${endpoint}/${facts[id]}` }),
      expect: scimError(404),
    }),
  ];
}

/** startIndex echoed, as many Resources as the total leaves for this page, itemsPerPage matching. */
function pageOf(startIndex: number, count: number): Check {
  return (res) => {
    const total = valueAt(res.body, 'totalResults') as number;
    const resources = valueAt(res.body, 'Resources') ?? [];
    const expected = Math.min(count, Math.max(0, total - startIndex + 1));
    const length = Array.isArray(resources) ? resources.length : -1;
    return (
      equals('startIndex', startIndex)(res, {}) ??
      (length === expected ? undefined : `${length} Resources, expected ${expected} of ${total}`) ??
      equals('itemsPerPage', length)(res, {})
    );
  };
}

export const idsOf = (body: unknown) =>
  ((valueAt(body, 'Resources') ?? []) as unknown[]).map((r) => valueAt(r, 'id'));

/** A second page repeats no id of the first. */
export const repeatsNothing: Check<'firstPage'> = (res, facts) => {
  const repeated = idsOf(res.body).filter((id) => facts.firstPage.includes(id as string));
  return repeated.length === 0 ? undefined : `page 2 repeats ${repeated.join(', ')}: the order is not stable`;
};

/** Two pages of `count` users: exact page sizes, and the second repeats nothing from the first. */
export function pagingSteps(label: string, count: number, hint: string): Step[] {
  const second = count + 1;
  return [
    step({
      name: `${label}: GET /Users?startIndex=1&count=${count}`,
      hint,
      request: () => ({ method: 'GET', path: `/Users?startIndex=1&count=${count}` }),
      expect: [...list(), pageOf(1, count)],
      saves: { firstPage: (res) => idsOf(res.body) as string[] },
    }),
    step({
      name: `${label}: GET /Users?startIndex=${second}&count=${count}`,
      hint,
      needs: ['firstPage'],
      request: () => ({ method: 'GET', path: `/Users?startIndex=${second}&count=${count}` }),
      expect: [...list(), pageOf(second, count), repeatsNothing],
    }),
  ];
}
