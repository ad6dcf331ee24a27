import { AppError } from '../../errors/app-error.ts';

/** A required string parameter of a form or JSON body; invalid_request when missing or repeated. */
export function param(body: unknown, name: string): string {
  const value = optionalParam(body, name);
  if (value === undefined) throw new AppError('invalidRequest', `${name} is required`);
  return value;
}

/** RFC 6749 §3.1: a parameter sent without a value is omitted, and none may be sent more than once. */
export function optionalParam(body: unknown, name: string): string | undefined {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new AppError('invalidRequest', `${name} must be given once, as a string`);
  return value;
}
