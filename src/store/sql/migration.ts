/** A schema migration; once released it never changes: a change is a new one. */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

/** Migrations in order: the n-th is version n. */
export function numbered(sqls: readonly string[]): readonly Migration[] {
  return sqls.map((sql, i) => ({ version: i + 1, sql }));
}
