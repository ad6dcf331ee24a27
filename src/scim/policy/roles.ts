import { AppError } from '../../errors/app-error.ts';
import type { ResourceDoc } from '../resource.ts';
import type { RoleRule } from './policy.ts';
import { valuesOf } from './values-of.ts';

/**
 * Gives a user without a role the default one, and refuses a role the app does not have. Roles are
 * compared exactly ("FullMember", not "Full Member"). A role already stored is not checked again.
 */
export function applyRole(rule: RoleRule, doc: ResourceDoc, current: ResourceDoc | undefined): void {
  const given =
    rule.attribute === 'userType'
      ? typeof doc.userType === 'string'
        ? [doc.userType]
        : []
      : valuesOf(doc, 'roles');
  if (given.length === 0) {
    if (rule.default !== undefined) {
      doc[rule.attribute] = rule.attribute === 'userType' ? rule.default : [{ value: rule.default }];
    }
    return;
  }
  const stored = new Set(rule.attribute === 'userType' ? [current?.userType] : valuesOf(current, 'roles'));
  const refused = given.find((role) => !rule.allowed.includes(role) && !stored.has(role));
  if (refused !== undefined) {
    throw new AppError(
      'invalidValue',
      `Attribute "${rule.attribute}" must be one of ${rule.allowed.join(', ')}, not ${JSON.stringify(refused)}.`,
    );
  }
}
