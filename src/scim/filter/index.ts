export type { CompareOp, Filter, FilterValue } from './ast.ts';
export { compareValue, foldCase } from './compare.ts';
export { compareInstants, type Instant, parseDateTime } from './date-time.ts';
export { matchesFilter } from './evaluate.ts';
export {
  DEFAULT_FILTER_LIMITS,
  type FilterLimits,
  filtersElements,
  parseFilter,
  parseValueFilter,
} from './parse-filter.ts';
export { REDACTED_LITERAL, redactFilter } from './redact-filter.ts';
