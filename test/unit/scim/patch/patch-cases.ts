import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../../src/errors/app-error.ts';
import type { ErrorCode } from '../../../../src/errors/catalog.ts';
import {
  applyPatch,
  PATCH_OP_SCHEMA,
  type PatchResult,
  parsePatchRequest,
} from '../../../../src/scim/patch/index.ts';
import type { ResourceDoc } from '../../../../src/scim/resource.ts';
import { type ResourceTypeDef, USER_RESOURCE } from '../../../../src/scim/schema/index.ts';

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** One PATCH request against one stored document, and what must come of it. */
export interface PatchCase {
  readonly title: string;
  readonly rt?: ResourceTypeDef;
  readonly doc: ResourceDoc;
  readonly ops: readonly unknown[];
  /** The document after the PATCH; omitted when `error` is given. */
  readonly expect?: ResourceDoc;
  readonly password?: string;
  readonly changed?: boolean;
  readonly error?: ErrorCode;
}

/** The id of every patched resource in these cases (bjensen's, RFC 7643 §8.2). */
export const PATCHED_ID = '2819c223-7f76-453a-919d-413861904646';

/** Parses the operations as an HTTP body would carry them, then applies them. */
export function patch(rt: ResourceTypeDef, doc: ResourceDoc, ops: readonly unknown[]): PatchResult {
  const parsed = parsePatchRequest(rt, { schemas: [PATCH_OP_SCHEMA], Operations: ops });
  return applyPatch(rt, { id: PATCHED_ID, doc }, parsed);
}

export function runCases(cases: readonly PatchCase[]): void {
  for (const c of cases) {
    test(c.title, () => {
      const rt = c.rt ?? USER_RESOURCE;
      const before = structuredClone(c.doc);
      if (c.error) {
        assert.throws(
          () => patch(rt, c.doc, c.ops),
          (error) => error instanceof AppError && error.code === c.error,
        );
      } else {
        const result = patch(rt, c.doc, c.ops);
        assert.deepEqual(result.doc, c.expect);
        assert.equal(result.password, c.password);
        if (c.changed !== undefined) assert.equal(result.changed, c.changed);
      }
      assert.deepEqual(c.doc, before, 'the input document is never modified');
    });
  }
}

/** RFC 7643 §8.2's Babs Jensen, as stored (no id, meta, groups or password). */
export const BJENSEN: ResourceDoc = {
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      primary: true,
    },
    {
      type: 'home',
      streetAddress: '456 Hollywood Blvd',
      locality: 'Hollywood',
      region: 'CA',
      country: 'USA',
    },
  ],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  active: true,
  [ENTERPRISE]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: '26118915-6090' },
  },
};

/** The RFC 7644 §3.5.2 examples' member ids. */
export const BABS = '2819c223-7f76-453a-919d-413861904646';
export const MANDY = '902c246b-6245-4190-8e05-00816be7344a';
export const JAMES = '08e1d05d-121c-4561-8b96-473ac2aab0f5';

export const TOUR_GUIDES: ResourceDoc = {
  displayName: 'Tour Guides',
  members: [
    { value: BABS, type: 'User' },
    { value: MANDY, type: 'User' },
  ],
};

/** A copy of `doc` with top-level keys replaced (undefined removes one). */
export function withAttrs(doc: ResourceDoc, changes: Record<string, unknown>): ResourceDoc {
  const out: ResourceDoc = { ...structuredClone(doc) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
