import { init } from './0001-init.ts';
import { outbox } from './0003-outbox.ts';

/** Ordered schema migrations; a migration, once released, never changes: add a new one instead. */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: init },
  { version: 3, sql: outbox },
];
