import type { Filter } from '../filter/ast.ts';
import type { AttrRef, ResourceTypeDef } from '../schema/resource-type.ts';

/**
 * A parsed tenant policy: every default filled in, every attribute path resolved against the tenant's
 * own resource types. Built only by parsePolicy, so a Policy is always consistent.
 */
export interface Policy {
  readonly lifecycle: Lifecycle;
  readonly attributes: AttributeRules;
  readonly roles: RoleRule | undefined;
  /** Lower-case domains; undefined: any. */
  readonly emailDomains: readonly string[] | undefined;
  readonly formats: Formats;
  readonly passwordSync: boolean;
  readonly groupDisplayNames: 'rfc' | 'unique' | 'link';
  /** What a create may link to among users no IdP created; empty: never. */
  readonly linkBy: readonly LinkKey[];
  /** The tenant's User and Group definitions: the RFC's plus its own extensions. */
  readonly resourceTypes: TenantResourceTypes;
}

export interface TenantResourceTypes {
  readonly User: ResourceTypeDef;
  readonly Group: ResourceTypeDef;
}

export interface Lifecycle {
  /** What `active: false` is called to the host application (its login check's reason). */
  readonly deactivate: 'disable' | 'archive';
  readonly delete:
    | { readonly mode: 'hard' }
    | { readonly mode: 'soft'; readonly restoreBy: readonly RestoreKey[] };
}

export type RestoreKey = 'externalId' | 'userName';
export type LinkKey = 'userName' | 'email';

/** One part of a User the client may not write: an attribute, or one sub-attribute of a complex one. */
export interface Restriction {
  readonly ref: AttrRef;
  /** ignore: accepted and dropped; reject: 400 invalidValue. */
  readonly action: 'ignore' | 'reject';
}

export interface AttributeRules {
  readonly restrictions: readonly Restriction[];
  /** Each must hold on a new user; `name` is the entry as the policy wrote it, for error details. */
  readonly required: readonly { readonly name: string; readonly filter: Filter }[];
  readonly externalIdUnique: boolean;
}

export interface RoleRule {
  readonly attribute: 'userType' | 'roles';
  readonly allowed: readonly string[];
  readonly default: string | undefined;
}

export interface Formats {
  readonly preferredLanguage: 'any' | 'iso639-1' | 'bcp47';
  readonly country: 'any' | 'iso3166-1-alpha-2';
}
