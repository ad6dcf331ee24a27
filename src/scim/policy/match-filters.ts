import type { Filter } from '../filter/ast.ts';
import { isJsonObject, type ResourceDoc } from '../resource.ts';
import { type ResourceTypeDef, resolveAttrPath } from '../schema/resource-type.ts';
import type { LinkKey, Policy, RestoreKey } from './policy.ts';
import { valuesOf } from './values-of.ts';

/**
 * The filter that finds, among users no IdP created, the one a create links to (`linking.match`):
 * the same `userName`, or an email equal to the new user's primary (else first) email. The store
 * compiles it like any filter, on indexed columns. Undefined when the policy never links.
 */
export function linkFilter(policy: Policy, doc: ResourceDoc): Filter | undefined {
  return anyOf(policy.resourceTypes.User, policy.linkBy, (key) =>
    key === 'email' ? ['emails.value', primaryEmail(doc)] : ['userName', doc.userName],
  );
}

/**
 * The filter that finds the tombstone a create restores (`lifecycle.restoreDeletedBy`), by
 * `externalId` or `userName`. Undefined when the policy never restores.
 */
export function restoreFilter(policy: Policy, doc: ResourceDoc): Filter | undefined {
  const { delete: mode } = policy.lifecycle;
  if (mode.mode === 'hard') return undefined;
  return anyOf(policy.resourceTypes.User, mode.restoreBy, (key) => [key, doc[key]]);
}

/** The filter a `link` group rule looks a pushed group up by: its display name, case-insensitively. */
export function groupLinkFilter(policy: Policy, doc: ResourceDoc): Filter | undefined {
  if (policy.groupDisplayNames !== 'link') return undefined;
  return anyOf(policy.resourceTypes.Group, ['displayName'], () => ['displayName', doc.displayName]);
}

function primaryEmail(doc: ResourceDoc): unknown {
  const emails = Array.isArray(doc.emails) ? doc.emails : [];
  const primary = emails.find((e) => isJsonObject(e) && e.primary === true && typeof e.value === 'string');
  return isJsonObject(primary) ? primary.value : valuesOf(doc, 'emails')[0];
}

/** `a eq x or b eq y` over the keys that have a string value in the document. */
function anyOf<K extends LinkKey | RestoreKey | 'displayName'>(
  rt: ResourceTypeDef,
  keys: readonly K[],
  pathAndValue: (key: K) => [path: string, value: unknown],
): Filter | undefined {
  const leaves = keys.flatMap((key): Filter[] => {
    const [path, value] = pathAndValue(key);
    const ref = resolveAttrPath(rt, path);
    return ref && typeof value === 'string' ? [{ kind: 'compare', path: ref, op: 'eq', value }] : [];
  });
  return leaves.reduce<Filter | undefined>(
    (left, right) => (left ? { kind: 'or', left, right } : right),
    undefined,
  );
}
