import { randomBytes } from 'node:crypto';
import { checkNewPassword, hashPassword } from '../auth/passwords.ts';
import { AppError } from '../errors/app-error.ts';
import type { AccountKind, AdminRecord, TenantId } from '../store/port.ts';
import { type CredentialChange, changeCredentials, touching } from './credential-change.ts';
import type { ServiceDeps } from './deps.ts';

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
  deps: ServiceDeps,
  tenant: TenantId,
  input: NewAccount,
  change: CredentialChange,
): Promise<AdminRecord> {
  checkUsername(input.username);
  checkNewPassword(input.password);
  const record = {
    id: deps.newId(),
    tenant,
    username: input.username,
    displayName: input.displayName,
    kind: input.kind,
    createdAt: change.at,
  };
  // Hashed before the transaction: argon2 takes a while, and SQLite's writer waits for no one.
  const hash = await hashPassword(input.password);
  return changeCredentials(deps.store, tenant, change, async (tx) => {
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
  deps: ServiceDeps,
  tenant: TenantId,
  usernameOrId: string,
  password: string,
  change: CredentialChange,
): Promise<boolean> {
  checkNewPassword(password);
  const hash = await hashPassword(password);
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    const account = await tx.admins.setPassword(usernameOrId, hash);
    return { result: account !== undefined, touched: touching(account?.id, 'set-password', 'Account') };
  });
}

/** Disables a live account: its logins, Basic credentials, JWTs and OAuth grants stop working. */
export function disableAccount(
  deps: ServiceDeps,
  tenant: TenantId,
  usernameOrId: string,
  change: CredentialChange,
): Promise<AdminRecord | undefined> {
  return changeCredentials(deps.store, tenant, change, async (tx) => {
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
  deps: ServiceDeps,
  password: string | undefined,
): Promise<{ username: string; password: string | undefined } | undefined> {
  const { store } = deps;
  if ((await store.operators.count()) > 0) return undefined;
  if (password !== undefined) checkNewPassword(password);
  const secret = password ?? randomBytes(18).toString('base64url');
  const record = { id: deps.newId(), username: OPERATOR_USERNAME, createdAt: deps.now().toISOString() };
  if (!(await store.operators.create(record, await hashPassword(secret)))) return undefined;
  return { username: OPERATOR_USERNAME, password: password === undefined ? secret : undefined };
}

/** The tenant's admin and provisioning accounts, disabled ones too; never a password hash. */
export function listAccounts(deps: ServiceDeps, tenant: TenantId): Promise<AdminRecord[]> {
  return deps.store.forTenant(tenant).admins.list();
}
