import assert from 'node:assert/strict';
import { test } from 'node:test';
import { list, membersAre, resourceOrNoContent, valueAt } from '../../../src/conformance/checks.ts';
import type { StepResponse } from '../../../src/conformance/step.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

test('valueAt reads sub-attributes, indexes and extension URNs, which contain dots and colons', () => {
  const user = {
    name: { givenName: 'Ada' },
    emails: [{ value: 'a@x' }, { value: 'b@x' }],
    [ENTERPRISE]: { manager: { value: 'm-1' } },
  };
  const list = { Resources: [user] };
  assert.equal(valueAt(user, 'name.givenName'), 'Ada');
  assert.equal(valueAt(user, 'emails[1].value'), 'b@x');
  assert.equal(valueAt(user, `${ENTERPRISE}:manager.value`), 'm-1');
  assert.equal(valueAt(list, `Resources[0].${ENTERPRISE}:manager.value`), 'm-1');
  assert.equal(valueAt(list, 'Resources[1].name'), undefined);
  assert.equal(valueAt('not an object', 'name'), undefined);
});

function response(status: number, body?: unknown): StepResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { status, headers: new Headers(), text, body };
}

const problems = (
  checks: readonly ((r: StepResponse, f: object) => string | undefined)[],
  res: StepResponse,
) => checks.map((check) => check(res, {})).filter(Boolean);

test('list(0) wants 200, the ListResponse schema, integers, and no Resources', () => {
  const schemas = ['urn:ietf:params:scim:api:messages:2.0:ListResponse'];
  const empty = { schemas, totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };
  assert.deepEqual(problems(list(0), response(200, empty)), []);
  assert.deepEqual(problems(list(0), response(200, { ...empty, Resources: undefined })), []);
  assert.deepEqual(problems(list(0), response(200, { ...empty, totalResults: '0' })), [
    'not JSON integers: totalResults',
    'totalResults is "0" with 0 Resources, expected 0',
  ]);
  assert.deepEqual(problems(list(0), response(200, { ...empty, totalResults: 1, Resources: [{}] })), [
    'totalResults is 1 with 1 Resources, expected 0',
  ]);
});

test('a PATCH answer is 204 with nothing or 200 with a body, never an empty 200', () => {
  assert.equal(resourceOrNoContent(response(204), {}), undefined);
  assert.equal(resourceOrNoContent(response(200, { id: 'u' }), {}), undefined);
  assert.equal(resourceOrNoContent(response(200), {}), 'the body is empty');
  assert.equal(resourceOrNoContent(response(400, {}), {}), 'status is 400, expected 200');
});

test('membersAre compares member ids as sets', () => {
  const check = membersAre('user', 'member');
  const facts = { user: 'u-1', member: 'u-2' };
  const group = (...ids: string[]) => response(200, { members: ids.map((value) => ({ value })) });
  assert.equal(check(group('u-2', 'u-1'), facts), undefined);
  assert.equal(check(group('u-1'), facts), 'members are ["u-1"], expected ["u-1","u-2"]');
  assert.equal(check(response(200, {}), facts), 'members are [], expected ["u-1","u-2"]');
});
