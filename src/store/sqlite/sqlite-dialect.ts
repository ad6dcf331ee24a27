import type { SqlDialect } from '../sql/dialect.ts';

/** Keys come from the schema (never from the request), but are quoted as JSON path members anyway. */
function jsonPath(path: readonly string[]): string {
  const members = path.map((key) => `."${key.replaceAll('"', '\\"')}"`).join('');
  return `'$${members.replaceAll("'", "''")}'`;
}

export const sqliteDialect: SqlDialect = {
  jsonScalar: (json, path) => `json_extract(${json}, ${jsonPath(path)})`,
  jsonElements: (json, path, alias) => `json_each(${json}, ${jsonPath(path)}) AS ${alias}`,
  elementJson: (alias) => `${alias}.value`,
  elementScalar: (alias) => `${alias}.value`,
  jsonArrayLength: (json, path) => `coalesce(json_array_length(${json}, ${jsonPath(path)}), 0)`,
  // BINARY, SQLite's default collation, already compares bytes.
  bytewise: (expr) => expr,
  fold: (expr) => `scim_fold(${expr})`,
  jsonTrue: '1',
  dateTime: (expr) => `unixepoch(${expr}, 'subsec')`,
  // instr/substr match characters literally, so `%`, `_` and `\` in a filter value need no escaping.
  contains: (expr, needle) => `instr(${expr}, ${needle}) > 0`,
  startsWith: (expr, needle) => `substr(${expr}, 1, length(${needle})) = ${needle}`,
  endsWith: (expr, needle) => `substr(${expr}, -length(${needle})) = ${needle}`,
};
