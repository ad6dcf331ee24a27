import { numbered } from '../../sql/migration.ts';
import { init } from './0001-init.ts';
import { accountsAudit } from './0002-accounts-audit.ts';
import { signingKeys } from './0003-signing-keys.ts';
import { oauth } from './0004-oauth.ts';
import { adminSessions } from './0005-admin-sessions.ts';
import { outbox } from './0006-outbox.ts';
import { oauthGrantTypes } from './0007-oauth-grant-types.ts';
import { auditCredentials } from './0008-audit-credentials.ts';
import { externalIdNotUnique } from './0009-external-id-not-unique.ts';
import { cursorKey } from './0010-cursor-key.ts';

// biome-ignore format: the versions in order, four to a line
export const migrations = numbered([
  init, accountsAudit, signingKeys, oauth,
  adminSessions, outbox, oauthGrantTypes, auditCredentials,
  externalIdNotUnique, cursorKey,
]);
