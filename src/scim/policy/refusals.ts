import { AppError } from '../../errors/app-error.ts';
import type { ResourceDoc } from '../resource.ts';
import { normalizeResource } from '../validate/normalize-resource.ts';
import { applyWritePolicy } from './apply-write-policy.ts';
import type { Policy } from './policy.ts';

/**
 * Why `policy` would refuse to create this stored resource, or undefined if it would not: what a
 * policy editor shows before a change ("these users would be refused"). A policy change never
 * rewrites stored data, so this is information, not a migration.
 */
export function refusalOf(
  policy: Policy,
  resourceType: 'User' | 'Group',
  doc: ResourceDoc,
): string | undefined {
  try {
    const normalized = normalizeResource(policy.resourceTypes[resourceType], doc);
    if (resourceType === 'User') applyWritePolicy(policy, normalized, { mode: 'create' });
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}
