import type { AppError } from '../../errors/app-error.ts';
import { scimErrorBody } from '../../scim/errors.ts';
import { SCIM_CONTENT_TYPE } from '../scim/media-type.ts';
import { type Rendered, retryAfterHeader } from './rendered.ts';

/** The RFC 7644 §3.12 body; a 401 names both schemes a SCIM client may use. */
export function renderScim(error: AppError): Rendered {
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
    body: scimErrorBody(error),
  };
}
