import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import { type CredentialChange, changeCredentials, touching } from '../service/credential-change.ts';
import type { AccountKind, AdminRecord, Store, TenantId } from '../store/port.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';

export interface NewAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string | undefined;
  readonly kind: AccountKind;
}

/** Printable, not whitespace, at most 128 characters: it travels in HTTP Basic and in forms. */
function checkUsername(username: string): void {
  if (!/^[^\s:]{1,128}$/u.test(username))
    throw new AppError('invalidValue', 'a username has 1 to 128 characters, without spaces or ":"');
}

/** Creates a tenant admin or provisioning account; the password is stored only as argon2id. */
export async function createAccount(
  store: Store,
  tenant: TenantId,
  input: NewAccount,
  change: CredentialChange,
): Promise<AdminRecord> {
  checkUsername(input.username);
  checkNewPassword(input.password);
  const record = {
    id: randomUUID(),
    tenant,
    username: input.username,
    displayName: input.displayName,
    kind: input.kind,
    createdAt: change.at,
  };
  // Hashed before the transaction: argon2 takes a while, and SQLite's writer waits for no one.
  const hash = await hashPassword(input.password);
  return changeCredentials(store, tenant, change, async (tx) => {
    if (!(await tx.admins.create(record, hash)))
      throw new AppError(
        'invalidValue',
        `tenant '${tenant}' already has an account named '${input.username}'`,
      );
    return {
      result: { ...record, disabledAt: undefined },
      touched: [{ action: 'create', type: 'Account', id: record.id }],
    };
  });
}

/**
 * Sets a new password. Basic credentials verified with the old one stop working at once: the cache
 * of verified pairs is keyed by the stored hash too.
 */
export async function changePassword(
  store: Store,
  tenant: TenantId,
  usernameOrId: string,
  password: string,
  change: CredentialChange,
): Promise<boolean> {
  checkNewPassword(password);
  const hash = await hashPassword(password);
  return changeCredentials(store, tenant, change, async (tx) => {
    const account = await tx.admins.setPassword(usernameOrId, hash);
    return { result: account !== undefined, touched: touching(account?.id, 'set-password', 'Account') };
  });
}

/** Disables a live account: its logins, Basic credentials, JWTs and OAuth grants stop working. */
export function disableAccount(
  store: Store,
  tenant: TenantId,
  usernameOrId: string,
  change: CredentialChange,
): Promise<AdminRecord | undefined> {
  return changeCredentials(store, tenant, change, async (tx) => {
    const account = await tx.admins.disable(usernameOrId, change.at);
    return { result: account, touched: touching(account?.id, 'disable', 'Account') };
  });
}

export const OPERATOR_USERNAME = 'operator';

/**
 * On a server with no operator, creates `operator` with the given password, or with a generated one
 * that is returned so the caller can show it once. Undefined when an operator already exists.
 */
export async function ensureOperator(
  store: Store,
  password: string | undefined,
  now: string,
): Promise<{ username: string; password: string | undefined } | undefined> {
  if ((await store.operators.count()) > 0) return undefined;
  if (password !== undefined) checkNewPassword(password);
  const secret = password ?? randomBytes(18).toString('base64url');
  const record = { id: randomUUID(), username: OPERATOR_USERNAME, createdAt: now };
  if (!(await store.operators.create(record, await hashPassword(secret)))) return undefined;
  return { username: OPERATOR_USERNAME, password: password === undefined ? secret : undefined };
}

/** An account that may act as an admin now: of kind `admin`, and not disabled. */
export function isLiveAdmin(account: AdminRecord | undefined): account is AdminRecord {
  return account?.kind === 'admin' && account.disabledAt === undefined;
}
