import { Value, type ValueError, ValueErrorType } from '@sinclair/typebox/value';
import { refName } from '../resource.ts';
import { requiredFilter, resolvePaths, restrictionsOf } from './attribute-rules.ts';
import type { AttributeRules, Lifecycle, Policy, RoleRule } from './policy.ts';
import { PolicyError } from './policy-error.ts';
import { type PolicyDocument, PolicySchema } from './policy-schema.ts';
import { tenantResourceTypes } from './tenant-resource-types.ts';

/**
 * Reads a policy document (parsed JSON). A bad one is refused with a PolicyError naming the first
 * field at fault by its JSON pointer and saying why. `{}` is plain RFC 7643: every default below.
 */
export function parsePolicy(json: unknown): Policy {
  const [error] = Value.Errors(PolicySchema, json);
  if (error) throw new PolicyError(error.path, describe(error));
  const doc = json as PolicyDocument;
  const resourceTypes = tenantResourceTypes(doc.extensions ?? []);
  const attributes = attributeRules(doc, resourceTypes.User);
  return {
    lifecycle: lifecycleOf(doc),
    attributes,
    roles: roleRule(doc, attributes),
    emailDomains: doc.organization?.emailDomains.map((domain) => domain.toLowerCase()),
    formats: {
      preferredLanguage: doc.formats?.preferredLanguage ?? 'any',
      country: doc.formats?.country ?? 'any',
    },
    passwordSync: doc.passwords?.sync ?? false,
    groupDisplayNames: doc.groups?.displayName ?? 'rfc',
    linkBy: doc.linking?.match ?? [],
    resourceTypes,
  };
}

function describe(error: ValueError): string {
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a field of the policy';
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.Union: {
      const values = (error.schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const);
      if (values?.every((v) => typeof v === 'string'))
        return `must be one of ${values.map((v) => `"${v}"`).join(', ')}`;
      return error.message;
    }
    case ValueErrorType.StringPattern:
      return `must be ${error.schema.description ?? `a string matching ${error.schema.pattern}`}`;
    case ValueErrorType.StringMinLength:
      return 'must not be empty';
    case ValueErrorType.ArrayUniqueItems:
      return 'holds the same value twice';
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

function lifecycleOf(doc: PolicyDocument): Lifecycle {
  const { deactivate = 'disable', delete: mode = 'hard', restoreDeletedBy = [] } = doc.lifecycle ?? {};
  if (mode === 'hard' && restoreDeletedBy.length > 0) {
    throw new PolicyError(
      '/lifecycle/restoreDeletedBy',
      'restores tombstones, which only a soft delete leaves',
    );
  }
  return { deactivate, delete: mode === 'hard' ? { mode } : { mode, restoreBy: restoreDeletedBy } };
}

function attributeRules(doc: PolicyDocument, user: Policy['resourceTypes']['User']): AttributeRules {
  const given = doc.attributes ?? {};
  const supported = given.supported && resolvePaths(user, given.supported, '/attributes/supported');
  const ignore = resolvePaths(user, given.ignore ?? [], '/attributes/ignore');
  return {
    restrictions: restrictionsOf(supported, ignore),
    required: (given.required ?? []).map((name, i) => ({
      name,
      filter: requiredFilter(user, name, `/attributes/required/${i}`),
    })),
    externalIdUnique: given.externalIdUnique ?? false,
  };
}

function roleRule(doc: PolicyDocument, attributes: AttributeRules): RoleRule | undefined {
  if (!doc.roles) return undefined;
  const { attribute, allowed, default: role } = doc.roles;
  if (role !== undefined && !allowed.includes(role)) {
    throw new PolicyError('/roles/default', `"${role}" is not one of /roles/allowed`);
  }
  const restricted = attributes.restrictions.find(({ ref }) => ref.attr.name === attribute && !ref.extension);
  if (restricted) {
    throw new PolicyError('/roles/attribute', `"${refName(restricted.ref)}" is not supported by /attributes`);
  }
  return { attribute, allowed, default: role };
}
