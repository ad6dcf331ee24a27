import type { SqlDialect } from '../sql/dialect.ts';

/** A path as a text[] literal; keys come from the schema, never from the request, but are quoted anyway. */
function pathArray(path: readonly string[]): string {
  return `ARRAY[${path.map((key) => `'${key.replaceAll("'", "''")}'`).join(', ')}]::text[]`;
}

/** Text compares in byte order ("C"), as SQLite and the in-memory evaluator do, whatever the database's locale. */
const bytewise = (expr: string) => `(${expr} COLLATE "C")`;

export const postgresDialect: SqlDialect = {
  jsonScalar: (json, path) => bytewise(`${json} #>> ${pathArray(path)}`),
  // jsonb_array_elements rejects a non-array, so anything else yields no elements, like SQLite's json_each.
  jsonElements: (json, path, alias) =>
    `jsonb_array_elements(CASE WHEN jsonb_typeof(${json} #> ${pathArray(path)}) = 'array' THEN ${json} #> ${pathArray(path)} END) AS ${alias}(value)`,
  elementJson: (alias) => `${alias}.value`,
  elementScalar: (alias) => bytewise(`${alias}.value #>> '{}'`),
  jsonArrayLength: (json, path) =>
    `coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(${json} #> ${pathArray(path)}) = 'array' THEN ${json} #> ${pathArray(path)} END), 0)`,
  bytewise,
  // The ICU root locale maps case as JavaScript's toLowerCase does (foldCase); libc locales do not.
  fold: (expr) => bytewise(`lower(${expr} COLLATE "und-x-icu")`),
  jsonTrue: `'true'`,
  dateTime: (expr) => `scim_epoch(${expr})`,
  // strpos/left/right match characters literally, so `%`, `_` and `\` in a filter value need no escaping.
  contains: (expr, needle) => `strpos(${expr}, ${needle}::text) > 0`,
  startsWith: (expr, needle) => `left(${expr}, length(${needle}::text)) = ${needle}::text`,
  endsWith: (expr, needle) => `right(${expr}, length(${needle}::text)) = ${needle}::text`,
};
