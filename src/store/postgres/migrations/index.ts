import { init } from './0001-init.ts';
import { outbox } from './0003-outbox.ts';

/** Ordered schema migrations, numbered as SQLite's; a released migration never changes. */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: init },
  { version: 3, sql: outbox },
];
