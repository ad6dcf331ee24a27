/** The few SQL pieces that differ between SQLite and PostgreSQL; the filter compiler asks for these. */
export interface SqlDialect {
  /** Text, number or boolean at `path` inside the JSON expression `json` (NULL when absent). */
  jsonScalar(json: string, path: readonly string[]): string;
  /** A FROM-item yielding one row per element of the JSON array at `path`, named `alias`. */
  jsonElements(json: string, path: readonly string[], alias: string): string;
  /** The JSON expression of one element produced by `jsonElements`. */
  elementJson(alias: string): string;
  /** The same element as a scalar (text, number or boolean), for comparing a simple multi-valued value. */
  elementScalar(alias: string): string;
  /** Number of elements of the JSON array at `path`, 0 when absent. */
  jsonArrayLength(json: string, path: readonly string[]): string;
  /** A text expression made to compare in byte (code point) order, as the evaluator compares. */
  bytewise(expr: string): string;
  /** Case folding identical to `foldCase` in code. */
  fold(expr: string): string;
  /** The literal a JSON `true` compares equal to in `jsonScalar` output. */
  readonly jsonTrue: string;
  /** Epoch-milliseconds of a JSON dateTime text. */
  dateTime(expr: string): string;
  /** Whether `expr` contains `needle` / starts with / ends with it, all with literal characters only. */
  contains(expr: string, needle: string): string;
  startsWith(expr: string, needle: string): string;
  endsWith(expr: string, needle: string): string;
}

/** Collects bound parameters and hands out the dialect's placeholders for them. */
export class Params {
  readonly values: unknown[] = [];
  readonly #placeholder: (index: number) => string;

  constructor(placeholder: (index: number) => string) {
    this.#placeholder = placeholder;
  }

  add(value: unknown): string {
    this.values.push(value);
    return this.#placeholder(this.values.length);
  }
}
