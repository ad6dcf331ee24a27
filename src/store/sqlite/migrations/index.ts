import { init } from './0001-init.ts';
import { accountsAudit } from './0002-accounts-audit.ts';
import { signingKeys } from './0003-signing-keys.ts';
import { oauth } from './0004-oauth.ts';
import { adminSessions } from './0005-admin-sessions.ts';
import { outbox } from './0006-outbox.ts';
import { oauthGrantTypes } from './0007-oauth-grant-types.ts';
import { auditCredentials } from './0008-audit-credentials.ts';

/** Ordered schema migrations; a migration, once released, never changes: add a new one instead. */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: init },
  { version: 2, sql: accountsAudit },
  { version: 3, sql: signingKeys },
  { version: 4, sql: oauth },
  { version: 5, sql: adminSessions },
  { version: 6, sql: outbox },
  { version: 7, sql: oauthGrantTypes },
  { version: 8, sql: auditCredentials },
];
