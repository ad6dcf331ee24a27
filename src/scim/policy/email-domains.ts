import { AppError } from '../../errors/app-error.ts';
import type { ResourceDoc } from '../resource.ts';
import { valuesOf } from './values-of.ts';

/** The part after the last "@", case-folded; "" for a value without one. */
export function emailDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/**
 * Every email address the write brings must be at one of the organization's domains, exactly
 * (`eu.example.com` is not `example.com`). Addresses already stored are not checked again.
 */
export function checkEmailDomains(
  domains: readonly string[],
  doc: ResourceDoc,
  current: ResourceDoc | undefined,
): void {
  const stored = new Set(valuesOf(current, 'emails'));
  for (const address of valuesOf(doc, 'emails')) {
    const domain = emailDomain(address);
    if (stored.has(address) || domains.includes(domain)) continue;
    throw new AppError(
      'invalidValue',
      domain === ''
        ? `The email address ${JSON.stringify(address)} has no domain.`
        : `The email domain "${domain}" of ${JSON.stringify(address)} is not one of the organization's domains (${domains.join(', ')}).`,
    );
  }
}
