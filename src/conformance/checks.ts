// Small expectations shared by every profile. Each returns what is wrong, or undefined.
import { ERROR_SCHEMA } from '../scim/errors.ts';
import { LIST_RESPONSE_SCHEMA } from '../scim/list/list-response.ts';
import { isJsonObject } from '../scim/resource.ts';
import type { Check, FactName, Facts, StepResponse } from './step.ts';

/**
 * Reads `name.givenName`, `emails[0].value`, `Resources[0].id` or an extension attribute
 * (`Resources[0].urn:…:enterprise:2.0:User:manager.value`; the URN ends at its last colon).
 */
export function valueAt(body: unknown, path: string): unknown {
  const at = path.indexOf('urn:');
  const colon = path.lastIndexOf(':');
  const segments =
    at < 0
      ? path.split('.')
      : [
          ...path.slice(0, at).split('.').filter(Boolean),
          path.slice(at, colon),
          ...path.slice(colon + 1).split('.'),
        ];
  let value = body;
  for (const segment of segments) {
    const [, key = segment, index] = /^(.*?)(?:\[(\d+)\])?$/.exec(segment) ?? [];
    value = isJsonObject(value) ? value[key] : undefined;
    if (index !== undefined) value = Array.isArray(value) ? value[Number(index)] : undefined;
  }
  return value;
}

const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

/** Checks that, when they fail, make the others noise: the runner reports only the first of these. */
const gates = new WeakSet<Check>();

export function isGate(check: unknown): boolean {
  return gates.has(check as Check);
}

function gate(check: Check): Check {
  gates.add(check);
  return check;
}

export function status(...expected: number[]): Check {
  return gate((res) =>
    expected.includes(res.status) ? undefined : `status is ${res.status}, expected ${expected.join(' or ')}`,
  );
}

/** The body is JSON; an empty 200 or an HTML error page fails here. */
export const jsonBody: Check = gate((res) => {
  if (isJsonObject(res.body)) return undefined;
  return res.text === ''
    ? 'the body is empty'
    : `the body is not a JSON object: ${show(res.text.slice(0, 80))}`;
});

export function hasSchema(urn: string): Check {
  return (res) => {
    const schemas = valueAt(res.body, 'schemas');
    return Array.isArray(schemas) && schemas.includes(urn)
      ? undefined
      : `schemas ${show(schemas)} lacks ${urn}`;
  };
}

export function equals(path: string, expected: unknown): Check {
  return (res) => {
    const actual = valueAt(res.body, path);
    return actual === expected ? undefined : `${path} is ${show(actual)}, expected ${show(expected)}`;
  };
}

/** Compares case-insensitively, as Scimitar and the RFC compare userName. */
export function equalsIgnoringCase(path: string, expected: string): Check {
  return (res) => {
    const actual = valueAt(res.body, path);
    return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase()
      ? undefined
      : `${path} is ${show(actual)}, expected ${show(expected)}`;
  };
}

export function equalsFact<K extends FactName>(path: string, fact: K): Check<K> {
  return (res, facts) => equals(path, facts[fact])(res, {});
}

export function notEmpty(...paths: string[]): Check {
  return (res) => {
    const empty = paths.filter((path) => [undefined, null, ''].includes(valueAt(res.body, path) as never));
    return empty.length === 0 ? undefined : `empty or missing: ${empty.join(', ')}`;
  };
}

export function absent(path: string, why: string): Check {
  return (res) => (valueAt(res.body, path) === undefined ? undefined : `${path} is present: ${why}`);
}

/** A ListResponse with integer paging numbers and, when given, exactly `total` results. */
export function list(total?: number): Check[] {
  const integers: Check = (res) => {
    const bad = ['totalResults', 'startIndex', 'itemsPerPage'].filter(
      (key) => !Number.isInteger(valueAt(res.body, key)),
    );
    return bad.length === 0 ? undefined : `not JSON integers: ${bad.join(', ')}`;
  };
  const counted: Check = (res) => {
    const resources = valueAt(res.body, 'Resources') ?? [];
    const count = Array.isArray(resources) ? resources.length : -1;
    return valueAt(res.body, 'totalResults') === total && count === total
      ? undefined
      : `totalResults is ${show(valueAt(res.body, 'totalResults'))} with ${count} Resources, expected ${total}`;
  };
  return [
    status(200),
    jsonBody,
    hasSchema(LIST_RESPONSE_SCHEMA),
    integers,
    ...(total === undefined ? [] : [counted]),
  ];
}

/** RFC 7644 §3.12: a JSON error with the Error schema, `status` as a string, and a detail. */
export function scimError(code: number): Check[] {
  return [
    status(code),
    jsonBody,
    hasSchema(ERROR_SCHEMA),
    equals('status', String(code)),
    notEmpty('detail'),
  ];
}

/** 200 with the resource, or 204 with nothing: never 200 with an empty body. */
export const resourceOrNoContent: Check = gate((res) => {
  if (res.status === 204) return undefined;
  return status(200)(res, {}) ?? jsonBody(res, {});
});

/** After a write that may answer 204, a value it reports must be right when it reports one. */
export function equalsIfReturned(path: string, expected: unknown): Check {
  return (res) => (res.status === 204 ? undefined : equals(path, expected)(res, {}));
}

/** The group's members are exactly these users, in any order. */
export function membersAre<K extends FactName>(...users: K[]): Check<K> {
  return (res, facts) => {
    const members = valueAt(res.body, 'members') ?? [];
    const actual = Array.isArray(members) ? members.map((m) => valueAt(m, 'value')).sort() : members;
    const expected = users.map((user) => facts[user]).sort();
    return JSON.stringify(actual) === JSON.stringify(expected)
      ? undefined
      : `members are ${show(actual)}, expected ${show(expected)}`;
  };
}

/** A saver for a non-empty string id at `path`. */
export function idAt(path: string) {
  return (res: StepResponse): string | undefined => {
    const id = valueAt(res.body, path);
    return typeof id === 'string' && id !== '' ? id : undefined;
  };
}

export const idOf = idAt('id');

export const docOf = (res: StepResponse): Facts['userDoc'] | undefined =>
  isJsonObject(res.body) ? res.body : undefined;

export const mark = (): true => true;
