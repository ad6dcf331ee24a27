import { AppError } from '../errors/app-error.ts';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * Transitional: store/sql/compile-filter.ts, which this change leaves to the store rewrite, still
 * throws through this. New code throws `new AppError(code, detail)`; once compile-filter does, this
 * goes.
 */
export const ScimError = {
  of: (code: 'invalidFilter', detail: string): AppError => new AppError(code, detail),
};
