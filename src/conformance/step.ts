import type { JsonObject } from '../scim/resource.ts';

/**
 * What earlier steps established, by name. A step names the facts it needs; when the step that would
 * establish one failed, the step is skipped, so one server bug is reported once, not as a cascade.
 */
export interface Facts {
  /** The id of the user the flow provisions. */
  user: string;
  /** A second user, for group membership. */
  member: string;
  /** A third user, Entra's manager. */
  manager: string;
  group: string;
  /** The first user the server lists, and the user Okta's Spec Test creates. */
  firstUser: string;
  specUser: string;
  /** The resource as last read: Okta's AIW apps PUT it back with their changes merged in. */
  userDoc: JsonObject;
  groupDoc: JsonObject;
  /** The ids on a first page, to check that the next page does not repeat them. */
  firstPage: readonly string[];
  /** The `nextCursor` of a first cursor page (RFC 9865). */
  nextCursor: string;
  /**
   * Set when the server acknowledged a change, cleared when one fails: a read-back that needs it is
   * skipped rather than failed after the change itself failed.
   */
  userChanged: true;
  groupChanged: true;
}

export type FactName = keyof Facts;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request, relative to the base URL the checker was pointed at. */
export interface StepRequest {
  readonly method: Method;
  /** Starts with `/`, query included. */
  readonly path: string;
  readonly body?: unknown;
  /** On top of the profile's headers; `Authorization` here replaces the bearer token. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StepResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  readonly body: unknown;
}

/** Returns what is wrong with the response, or undefined when this expectation holds. */
export type Check<K extends FactName = never> = (
  res: StepResponse,
  facts: Pick<Facts, K>,
) => string | undefined;

interface StepDef<K extends FactName> {
  readonly name: string;
  /** What the server must do instead, in the words an integrator acts on; shown on failure. */
  readonly hint: string;
  readonly needs?: readonly K[];
  readonly request: (facts: Pick<Facts, K>) => StepRequest;
  readonly expect: readonly Check<K>[];
  /** Facts this step establishes when it passes; a value of undefined means the server did not give it. */
  readonly saves?: {
    readonly [F in FactName]?: (res: StepResponse, facts: Pick<Facts, K>) => Facts[F] | undefined;
  };
}

/** A step with its fact types erased, as the runner sees it. */
export interface Step {
  readonly name: string;
  readonly hint: string;
  readonly needs: readonly FactName[];
  readonly request: (facts: Partial<Facts>) => StepRequest;
  readonly expect: readonly ((res: StepResponse, facts: Partial<Facts>) => string | undefined)[];
  readonly saves: { readonly [F in FactName]?: (res: StepResponse, facts: Partial<Facts>) => unknown };
}

/**
 * Declares a step. `needs` types what `request`, `expect` and `saves` may read, so a step cannot use
 * a fact it does not wait for.
 */
export function step<const K extends FactName = never>(def: StepDef<K>): Step {
  return { needs: [], saves: {}, ...def } as unknown as Step;
}

/** An IdP as the checker replays it: the headers it sends, where it sends them, and its steps. */
export interface Profile {
  readonly name: ProfileName;
  readonly title: string;
  /** Headers on every request, and the extra ones on requests with a body. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyHeaders: Readonly<Record<string, string>>;
  /** A query parameter the IdP appends to every URL (Entra's `aadOptscim062020`). */
  readonly query?: string;
  readonly steps: (names: Names) => readonly Step[];
  /** Added with --groups. */
  readonly groupSteps: (names: Names) => readonly Step[];
}

/** The IdP replays, which `--profile all` runs. */
export const IDP_PROFILE_NAMES = ['okta', 'okta-aiw', 'entra', 'entra-2020'] as const;
export const PROFILE_NAMES = [...IDP_PROFILE_NAMES, 'rfc'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Unique names for what a profile creates, all starting with the run's prefix. */
export interface Names {
  readonly prefix: string;
  /** A userName under the prefix, e.g. `user('ada')` → `scimitar-check-k3x9-okta-ada@example.com`. */
  user(local: string): string;
  group(label: string): string;
}
