import type { AppError } from '../errors/app-error.ts';
import type { ErrorCode } from '../errors/catalog.ts';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** The scimType of each code (RFC 7644 §3.12); codes SCIM has no type for carry none. */
const SCIM_TYPE: Record<ErrorCode, ScimType | undefined> = {
  invalidFilter: 'invalidFilter',
  uniqueness: 'uniqueness',
  mutability: 'mutability',
  invalidSyntax: 'invalidSyntax',
  invalidPath: 'invalidPath',
  noTarget: 'noTarget',
  invalidValue: 'invalidValue',
  invalidCursor: 'invalidCursor',
  expiredCursor: 'expiredCursor',
  invalidCount: 'invalidCount',
  conflict: undefined,
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
  notImplemented: undefined,
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
/** The body RFC 7644 §3.12 prescribes, `status` a string; a BulkResponse embeds it for a failed operation. */
export function scimErrorBody(error: AppError): {
  schemas: string[];
  status: string;
  scimType?: ScimType;
  detail: string;
} {
  const scimType = SCIM_TYPE[error.code];
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(scimType ? { scimType } : {}),
    detail: error.message,
  };
}
