// Every code of the catalog, rendered on every surface: each answer in that surface's own format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCliError } from '../../../src/cli/report-error.ts';
import { AppError, type RetryableCode } from '../../../src/errors/app-error.ts';
import { CATALOG, type ErrorCode } from '../../../src/errors/catalog.ts';
import { renderAdmin } from '../../../src/http/errors/admin-format.ts';
import { renderOAuth } from '../../../src/http/errors/oauth-format.ts';
import { renderScim } from '../../../src/http/errors/scim-format.ts';

const CODES = Object.keys(CATALOG) as ErrorCode[];
const RETRYABLE = new Set<ErrorCode>(['rateLimited', 'unavailable']);
const SCIM_TYPES = [
  'invalidFilter',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  // RFC 9865's, for cursor pagination.
  'invalidCursor',
  'expiredCursor',
  'invalidCount',
];
const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_scope',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
];

function errorOf(code: ErrorCode): AppError {
  return RETRYABLE.has(code)
    ? new AppError(code as RetryableCode, `detail of ${code}`, { retryAfter: 2.5 })
    : new AppError(code as Exclude<ErrorCode, RetryableCode>, `detail of ${code}`);
}

test('every code has an HTTP status and a meaning', () => {
  for (const code of CODES) {
    const { status, meaning } = CATALOG[code];
    assert.ok(status >= 400 && status <= 599, code);
    assert.ok(meaning.length > 10, code);
  }
});

test('retryable codes carry whole seconds, and every surface sends them as Retry-After', () => {
  for (const code of RETRYABLE) {
    const error = errorOf(code);
    assert.equal(error.retryAfter, 3);
    for (const render of [renderScim, renderOAuth, renderAdmin])
      assert.equal(render(error).headers['Retry-After'], '3', code);
  }
  assert.equal(renderScim(errorOf('notFound')).headers['Retry-After'], undefined);
});

for (const code of CODES) {
  test(`${code} on SCIM: an RFC 7644 error body, status as a string, scimType only from RFC 7644`, () => {
    const { status, headers, body } = renderScim(errorOf(code));
    assert.equal(status, CATALOG[code].status);
    assert.match(headers['Content-Type'] ?? '', /^application\/scim\+json/);
    const { schemas, status: text, scimType, detail, ...rest } = body as Record<string, unknown>;
    assert.deepEqual(schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(text, String(status));
    assert.equal(detail, `detail of ${code}`);
    assert.deepEqual(rest, {});
    if (scimType !== undefined) assert.ok(SCIM_TYPES.includes(scimType as string), String(scimType));
    if (SCIM_TYPES.includes(code)) assert.equal(scimType, code);
    assert.equal(headers['WWW-Authenticate'] !== undefined, status === 401);
  });

  test(`${code} on OAuth: RFC 6749 {error, error_description}, never cached`, () => {
    const { status, headers, body } = renderOAuth(errorOf(code));
    assert.equal(status, CATALOG[code].status);
    assert.match(headers['Content-Type'] ?? '', /^application\/json/);
    assert.equal(headers['Cache-Control'], 'no-store');
    const { error, error_description, ...rest } = body as Record<string, unknown>;
    assert.ok(OAUTH_ERRORS.includes(error as string), String(error));
    assert.equal(error_description, `detail of ${code}`);
    assert.deepEqual(rest, {});
    if (status === 401) assert.match(headers['WWW-Authenticate'] ?? '', /^Basic realm="oauth"/);
    else assert.equal(headers['WWW-Authenticate'], undefined);
  });

  test(`${code} on the admin API: {error, status, detail}, not SCIM, never a challenge`, () => {
    const { status, headers, body } = renderAdmin(errorOf(code));
    assert.equal(status, CATALOG[code].status);
    assert.match(headers['Content-Type'] ?? '', /^application\/json/);
    assert.equal(headers['Cache-Control'], 'no-store');
    assert.equal(headers['WWW-Authenticate'], undefined);
    assert.deepEqual(body, { error: code, status, detail: `detail of ${code}` });
  });

  test(`${code} on the CLI: its message on one line, exit status 1, or 2 when check cannot run`, () => {
    const { text, status } = renderCliError(errorOf(code));
    assert.equal(text, `detail of ${code}`);
    assert.equal(status, code === 'usage' || code === 'unreachable' ? 2 : 1);
  });
}

test('on the CLI, an unexpected error keeps its stack, a code it can act on never does', () => {
  const { text, status } = renderCliError(new TypeError('boom'));
  assert.equal(status, 1);
  assert.match(text, /^boom\nTypeError: boom\n\s+at /);
});
