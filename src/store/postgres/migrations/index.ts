import { init } from './0001-init.ts';

/** Ordered schema migrations, numbered as SQLite's; a released migration never changes. */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: init },
];
