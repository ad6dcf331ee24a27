import { isGate } from './checks.ts';
import { type SentRequest, send, urlOf } from './http.ts';
import type { Session } from './session.ts';
import type { FactName, Facts, Names, Profile, Step, StepRequest, StepResponse } from './step.ts';

export type StepResult =
  | { readonly name: string; readonly outcome: 'passed' }
  | { readonly name: string; readonly outcome: 'skipped'; readonly reason: string }
  | {
      readonly name: string;
      readonly outcome: 'failed';
      readonly problems: readonly string[];
      readonly hint: string;
      readonly request: SentRequest;
      readonly response?: { readonly status: number; readonly body: string };
    };

export interface ProfileResult {
  readonly name: string;
  readonly title: string;
  readonly steps: readonly StepResult[];
}

function namesFor(prefix: string): Names {
  return {
    prefix,
    user: (local) => `${prefix}-${local}@example.com`,
    group: (label) => `${prefix} ${label}`,
  };
}

/** Enough of a response body to see what went wrong, not a whole HTML page. */
const BODY_LIMIT = 4096;

const savedBy = (step: Step) => Object.keys(step.saves) as FactName[];

/**
 * Runs the profile's steps one at a time, in order. A step whose needed fact a failed step did not
 * establish is skipped; after a 401 or 403, or an interruption, every later step is.
 */
export async function runProfile(
  session: Session,
  profile: Profile,
  groups: boolean,
): Promise<ProfileResult> {
  const names = namesFor(`${session.prefix}-${profile.name}`);
  const steps = [...profile.steps(names), ...(groups ? profile.groupSteps(names) : [])];
  const facts: Partial<Record<FactName, unknown>> = {};
  /** For each fact a failed step did not establish, the name of the step that failed first. */
  const lostBy = new Map<FactName, string>();
  let refused: string | undefined;
  const results: StepResult[] = [];

  for (const step of steps) {
    const missing = step.needs.find((fact) => facts[fact] === undefined);
    const origin = missing && lostBy.get(missing);
    if (missing && !origin) throw new Error(`'${step.name}' needs ${missing}, which no earlier step saves`);
    const stopped = session.stop.aborted ? 'the run was interrupted' : refused;
    if (stopped || origin) {
      for (const fact of savedBy(step)) lostBy.set(fact, origin ?? step.name);
      results.push({ name: step.name, outcome: 'skipped', reason: stopped ?? `'${origin}' failed` });
      continue;
    }
    const request = step.request(facts as Partial<Facts>);
    const result = await runStep(session, profile, step, request, facts as Partial<Facts>);
    if (result.outcome === 'failed') {
      for (const fact of savedBy(step)) {
        delete facts[fact];
        lostBy.set(fact, step.name);
      }
      const status = result.response?.status;
      if ((status === 401 || status === 403) && !request.headers?.Authorization)
        refused = `the server refused the credentials (${status})`;
    }
    results.push(result);
  }
  return { name: profile.name, title: profile.title, steps: results };
}

async function runStep(
  session: Session,
  profile: Profile,
  step: Step,
  request: StepRequest,
  facts: Partial<Facts>,
): Promise<StepResult> {
  const url = urlOf(session.target, request.path, profile.query);
  const headers =
    request.body === undefined ? profile.headers : { ...profile.headers, ...profile.bodyHeaders };
  const sent: SentRequest = {
    method: request.method,
    url,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  const failed = (problems: string[], response?: StepResponse): StepResult => ({
    name: step.name,
    outcome: 'failed',
    problems,
    hint: step.hint,
    request: sent,
    ...(response ? { response: { status: response.status, body: response.text.slice(0, BODY_LIMIT) } } : {}),
  });

  const exchange = await send(session, url, request, headers);
  if (exchange.kind !== 'answered') return failed([exchange.problem]);
  const res = exchange.response;
  const problems: string[] = [];
  for (const check of step.expect) {
    const problem = check(res, facts);
    if (problem === undefined) continue;
    problems.push(problem);
    if (isGate(check)) break;
  }
  if (problems.length > 0) return failed(problems, res);
  for (const [fact, save] of Object.entries(step.saves)) {
    const value = save(res, facts);
    if (value === undefined) return failed([`the response does not give the ${fact}`], res);
    (facts as Record<string, unknown>)[fact] = value;
  }
  return { name: step.name, outcome: 'passed' };
}
