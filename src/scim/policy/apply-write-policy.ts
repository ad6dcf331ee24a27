import { AppError } from '../../errors/app-error.ts';
import { matchesFilter } from '../filter/evaluate.ts';
import type { ResourceDoc } from '../resource.ts';
import type { NormalizedResource } from '../validate/normalize-resource.ts';
import { applyRestrictions } from './attribute-rules.ts';
import { checkEmailDomains } from './email-domains.ts';
import { checkFormats } from './formats.ts';
import type { Policy } from './policy.ts';
import { applyRole } from './roles.ts';

/** A create, or a PUT or PATCH of the stored `current` document. */
export type WriteTarget =
  | { readonly mode: 'create' }
  | { readonly mode: 'update'; readonly current: ResourceDoc };

/**
 * Applies a tenant's policy to a User write that has already been normalised (normalizeResource) or
 * patched (applyPatch) against the tenant's resource type: restricted attributes are dropped or
 * refused, the default role filled in, roles, email domains and formats checked, required values
 * demanded, and the password kept only when the tenant syncs passwords. Returns what to store, or
 * throws an AppError (400 invalidValue naming the attribute). Pure: `write` is not changed.
 *
 * Only what the write brings is judged: values already stored, perhaps under an earlier policy, are
 * neither refused nor dropped, so an old user can still be deactivated. Groups have no write policy
 * here: their display-name rule needs the store.
 */
export function applyWritePolicy(
  policy: Policy,
  write: NormalizedResource,
  target: WriteTarget,
): NormalizedResource {
  const doc = structuredClone(write.doc);
  const current = target.mode === 'update' ? target.current : undefined;
  applyRestrictions(policy.attributes.restrictions, doc, current);
  if (policy.roles) applyRole(policy.roles, doc, current);
  if (policy.emailDomains) checkEmailDomains(policy.emailDomains, doc, current);
  checkFormats(policy.formats, doc, current);
  for (const { name, filter } of policy.attributes.required) {
    // A new user must have it; an update must not take away one that is there.
    if (!matchesFilter(filter, doc) && (current === undefined || matchesFilter(filter, current))) {
      throw new AppError('invalidValue', `Attribute "${name}" is required.`);
    }
  }
  return policy.passwordSync && write.password !== undefined ? { doc, password: write.password } : { doc };
}
