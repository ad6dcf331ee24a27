import { Command, Option } from 'commander';
import { createAccount } from '../../auth/accounts.ts';
import { CredentialInputError } from '../../auth/passwords.ts';
import type { AccountKind } from '../../store/port.ts';
import { CliError, databaseOption, requireTenant, withStore } from '../database-option.ts';
import { readNewPassword } from '../read-password.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function adminCommand(): Command {
  const admin = new Command('admin').description(
    "a tenant's accounts: admins (console, JWT, OAuth consent) and provisioning accounts (HTTP Basic)",
  );

  admin
    .command('create')
    .description('create an account; the password is asked for at the terminal, or read from stdin')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--username <username>', 'login name, unique in the tenant (case-insensitive)')
    .option('--display-name <name>', 'a name for people')
    .addOption(
      new Option('--kind <kind>', 'admin, or provisioning for a SCIM-only Basic account')
        .choices(['admin', 'provisioning'])
        .default('admin'),
    )
    .option('--password-stdin', 'read the password from stdin instead of asking')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(
      async (
        options: TenantOptions & {
          username: string;
          displayName?: string;
          kind: AccountKind;
          passwordStdin?: boolean;
        },
        command: Command,
      ) => {
        const password = await readNewPassword(options.passwordStdin === true);
        const record = await withStore(command, async (store) => {
          const tenant = await requireTenant(store, options.tenant);
          const input = { ...options, password };
          return createAccount(store, tenant.id, input, new Date().toISOString()).catch((error: unknown) => {
            throw error instanceof CredentialInputError ? new CliError(error.message) : error;
          });
        });
        console.log(
          options.json ? JSON.stringify(record, null, 2) : `created ${record.kind} ${record.username}`,
        );
      },
    );

  admin
    .command('list')
    .description('list accounts: username, kind, display name, created, status (never a password)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const records = await withStore(command, async (store) =>
        store.admins.list((await requireTenant(store, options.tenant)).id),
      );
      if (options.json) {
        console.log(JSON.stringify(records, null, 2));
        return;
      }
      console.log(['USERNAME', 'KIND', 'DISPLAY NAME', 'CREATED', 'STATUS'].join('\t'));
      for (const r of records) {
        const status = r.disabledAt ? `disabled ${r.disabledAt}` : 'active';
        console.log([r.username, r.kind, r.displayName ?? '', r.createdAt, status].join('\t'));
      }
    });

  admin
    .command('disable <usernameOrId>')
    .description('disable an account: its logins, Basic credentials, JWTs and OAuth grants stop working')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (usernameOrId: string, options: TenantOptions, command: Command) => {
      const disabled = await withStore(command, async (store) => {
        const tenant = await requireTenant(store, options.tenant);
        return store.admins.disable(tenant.id, usernameOrId, new Date().toISOString());
      });
      if (!disabled) throw new CliError(`no active account '${usernameOrId}' in tenant '${options.tenant}'`);
      console.log(`disabled ${disabled.username}`);
    });

  return admin;
}
