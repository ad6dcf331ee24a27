import type { AppError } from '../../errors/app-error.ts';
import type { ErrorCode } from '../../errors/catalog.ts';
import { ERROR_SCHEMA } from '../../scim/errors.ts';
import { SCIM_CONTENT_TYPE } from '../scim/media-type.ts';
import { type Rendered, retryAfterHeader } from './rendered.ts';

type ScimType =
  | 'invalidFilter'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue';

/** The scimType of each code (RFC 7644 §3.12); codes SCIM has no type for carry none. */
const SCIM_TYPE: Record<ErrorCode, ScimType | undefined> = {
  invalidFilter: 'invalidFilter',
  uniqueness: 'uniqueness',
  mutability: 'mutability',
  invalidSyntax: 'invalidSyntax',
  invalidPath: 'invalidPath',
  noTarget: 'noTarget',
  invalidValue: 'invalidValue',
  unauthenticated: undefined,
  forbidden: undefined,
  notFound: undefined,
  methodNotAllowed: undefined,
  requestTimeout: undefined,
  preconditionFailed: undefined,
  bodyTooLarge: undefined,
  unsupportedMediaType: undefined,
  rateLimited: undefined,
  headersTooLarge: undefined,
  internal: undefined,
  unavailable: undefined,
  invalidRequest: 'invalidValue',
  invalidClient: undefined,
  invalidGrant: 'invalidValue',
  unauthorizedClient: undefined,
  unsupportedGrantType: 'invalidValue',
  unsupportedResponseType: 'invalidValue',
  invalidScope: 'invalidValue',
  accessDenied: undefined,
  usage: 'invalidValue',
  unreachable: undefined,
};

/** RFC 7644 §3.12: `status` is a string, and 401 names both schemes a SCIM client may use. */
export function renderScim(error: AppError): Rendered {
  const scimType = SCIM_TYPE[error.code];
  return {
    status: error.status,
    headers: {
      'Content-Type': SCIM_CONTENT_TYPE,
      // The realm is the same for every tenant, real or not.
      ...(error.status === 401
        ? { 'WWW-Authenticate': 'Bearer realm="scim", Basic realm="scim", charset="UTF-8"' }
        : {}),
      ...retryAfterHeader(error),
    },
    body: {
      schemas: [ERROR_SCHEMA],
      status: String(error.status),
      ...(scimType ? { scimType } : {}),
      detail: error.message,
    },
  };
}
