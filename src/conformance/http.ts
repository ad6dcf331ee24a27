import { AppError } from '../errors/app-error.ts';
import type { Session } from './session.ts';
import type { StepRequest, StepResponse } from './step.ts';

/** The request as sent, for the report; the bearer token is never part of it. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
}

type Exchange =
  | { readonly kind: 'answered'; readonly response: StepResponse }
  | { readonly kind: 'unanswered'; readonly problem: string };

export interface Target {
  /** The base URL, without a trailing slash, query or fragment. */
  readonly base: string;
  readonly token: string;
  readonly timeoutMs: number;
}

/** The base URL plus the path, plus a query parameter the profile appends to every URL. */
export function urlOf(target: Target, path: string, query?: string): string {
  const url = target.base + path;
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/**
 * Sends one request and reads the whole answer, recording what it creates or deletes. Redirects are
 * not followed: the checker talks only to the URL it was given.
 */
export async function send(
  session: Session,
  url: string,
  request: StepRequest,
  headers: Readonly<Record<string, string>>,
): Promise<Exchange> {
  const { target } = session;
  const init: RequestInit = {
    method: request.method,
    headers: { Authorization: `Bearer ${target.token}`, ...headers, ...request.headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(target.timeoutMs),
  };
  if (request.body !== undefined) init.body = JSON.stringify(request.body);
  let response: StepResponse;
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    response = { status: res.status, headers: res.headers, text, body: parse(text) };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const problem = timedOut ? `no answer within ${target.timeoutMs / 1000} s` : describe(error);
    // Before the first answer, a failure says nothing about the server's SCIM, only that it is not there:
    // a problem with the command, not a finding.
    if (!session.answered) throw new AppError('unreachable', `cannot reach ${target.base}: ${problem}`);
    return { kind: 'unanswered', problem: timedOut ? problem : `the connection failed: ${problem}` };
  }
  session.answered = true;
  session.created.observe(request, response);
  return { kind: 'answered', response };
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** fetch hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describe(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
