import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** Deeper bodies are refused before any SCIM code walks them; real SCIM bodies nest 4 levels at most. */
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** PostgreSQL text cannot hold NUL, and no SCIM value needs it: refused alike on every engine. */
const nulError = () => new AppError('invalidValue', 'strings cannot contain the NUL character (\\u0000)');

function checkShape(value: unknown, depth: number): void {
  if (typeof value === 'string' && value.includes('\0')) throw nulError();
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH)
    throw new AppError('invalidSyntax', `the body nests deeper than ${MAX_DEPTH} levels`);
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\0')) throw nulError();
    if (FORBIDDEN_KEYS.has(key))
      throw new AppError('invalidSyntax', `"${key}" is not allowed as an attribute name`);
    checkShape(child, depth + 1);
  }
}

/**
 * Where JSON.parse stopped, without its message: V8 quotes the text around the error, which may be a
 * password or a secret that the caller would not want echoed into a proxy's log.
 */
function jsonErrorPosition(error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  return position === undefined ? '' : ` (at character ${Number(position) + 1})`;
}

/**
 * Parses `application/scim+json` and `application/json` alike: Okta's spec test POSTs with the
 * latter (idp-behaviour §6.35). Malformed, too deep or prototype-polluting bodies are 400 invalidSyntax.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/scim+json', 'application/json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      const text = body as string;
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        done(
          new AppError('invalidSyntax', `the body is not valid JSON${jsonErrorPosition(error)}`),
          undefined,
        );
        return;
      }
      try {
        checkShape(parsed, 0);
        done(null, parsed);
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
