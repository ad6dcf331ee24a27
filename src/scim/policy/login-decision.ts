import type { ResourceDoc } from '../resource.ts';
import type { Policy } from './policy.ts';

export type LoginRefusal = 'unknown' | 'archived' | 'disabled' | 'deleted' | 'wrong_password' | 'no_password';

export type LoginDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: LoginRefusal };

/** What the caller found for the userName: nothing, a soft-deleted tombstone, or a user. */
export type LoginSubject =
  | { readonly state: 'absent' }
  | { readonly state: 'deleted' }
  | { readonly state: 'stored'; readonly doc: ResourceDoc };

/**
 * What became of the password the host application passed: none given, or the verdict of checking
 * it against the user's stored hash (`none-stored` when the user has no password).
 */
export type PasswordOutcome = 'not-given' | 'matches' | 'differs' | 'none-stored';

/**
 * The login check's verdict. Only an explicit `active: false` deactivates (an absent `active` does
 * not); the policy names the refusal `archived` or `disabled`. The caller verifies the password
 * (or a dummy hash for an absent user, so both take the same time) before asking.
 */
export function loginDecision(
  policy: Policy,
  subject: LoginSubject,
  password: PasswordOutcome,
): LoginDecision {
  if (subject.state === 'absent') return refused('unknown');
  if (subject.state === 'deleted') return refused('deleted');
  if (subject.doc.active === false)
    return refused(policy.lifecycle.deactivate === 'archive' ? 'archived' : 'disabled');
  if (password === 'none-stored') return refused('no_password');
  if (password === 'differs') return refused('wrong_password');
  return { allowed: true };
}

function refused(reason: LoginRefusal): LoginDecision {
  return { allowed: false, reason };
}
