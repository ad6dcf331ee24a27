import { parseBasic } from '../../auth/basic-auth.ts';
import { AppError } from '../../errors/app-error.ts';
import { optionalParam } from './params.ts';

/** The parameters that carry a client's own credentials in a form (client_secret_post). */
export const CLIENT_FIELDS = ['client_id', 'client_secret'];

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into Basic. */
function formDecode(text: string): string {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    decoded = undefined;
  }
  // `%00` decodes to NUL, which no client id has and PostgreSQL cannot look up.
  if (decoded === undefined || decoded.includes('\0'))
    throw new AppError('invalidClient', 'the client credentials are malformed');
  return decoded;
}

/**
 * The client id and secret a token or revocation request presents: client_secret_basic in the
 * Authorization header or client_secret_post in the body, never both (RFC 6749 §2.3).
 */
export function presentedClient(
  authorization: string | undefined,
  body: unknown,
): { id: string; secret: string } {
  const bodyId = optionalParam(body, 'client_id');
  const bodySecret = optionalParam(body, 'client_secret');
  if (authorization !== undefined) {
    const basic = parseBasic(authorization);
    if (!basic) throw new AppError('invalidClient', 'use HTTP Basic for the client credentials');
    if (bodySecret !== undefined) throw new AppError('invalidRequest', 'send the client secret one way only');
    const id = formDecode(basic.username);
    const secret = formDecode(basic.password);
    if (bodyId !== undefined && bodyId !== id)
      throw new AppError('invalidRequest', 'client_id differs from the Basic one');
    return { id, secret };
  }
  if (bodyId === undefined || bodySecret === undefined)
    throw new AppError('invalidClient', 'client authentication is required');
  return { id: bodyId, secret: bodySecret };
}
