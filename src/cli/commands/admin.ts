import { Command, Option } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { changePassword, createAccount, disableAccount, listAccounts } from '../../service/accounts.ts';
import type { AccountKind } from '../../store/port.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';
import { addListCommand } from '../list-command.ts';
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
        const record = await withService(command, async (deps) => {
          const tenant = await requireTenant(deps, options.tenant);
          const input = { ...options, password };
          return createAccount(deps, tenant.id, input, cliChange());
        });
        console.log(
          options.json ? JSON.stringify(record, null, 2) : `created ${record.kind} ${record.username}`,
        );
      },
    );

  addListCommand(admin, {
    description: 'list accounts: username, kind, display name, created, status (never a password)',
    read: listAccounts,
    columns: ['USERNAME', 'KIND', 'DISPLAY NAME', 'CREATED', 'STATUS'],
    row: (r) => [
      r.username,
      r.kind,
      r.displayName ?? '',
      r.createdAt,
      r.disabledAt ? `disabled ${r.disabledAt}` : 'active',
    ],
  });

  admin
    .command('disable <usernameOrId>')
    .description('disable an account: its logins, Basic credentials, JWTs and OAuth grants stop working')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (usernameOrId: string, options: TenantOptions, command: Command) => {
      const disabled = await withService(command, async (deps) => {
        const tenant = await requireTenant(deps, options.tenant);
        return disableAccount(deps, tenant.id, usernameOrId, cliChange());
      });
      if (!disabled)
        throw new AppError('notFound', `no active account '${usernameOrId}' in tenant '${options.tenant}'`);
      console.log(`disabled ${disabled.username}`);
    });

  admin
    .command('set-password <usernameOrId>')
    .description(
      'set a new password, asked for at the terminal or read from stdin; the old one stops working',
    )
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--password-stdin', 'read the password from stdin instead of asking')
    .addOption(databaseOption())
    .action(
      async (
        usernameOrId: string,
        options: TenantOptions & { passwordStdin?: boolean },
        command: Command,
      ) => {
        const password = await readNewPassword(options.passwordStdin === true);
        const changed = await withService(command, async (deps) => {
          const tenant = await requireTenant(deps, options.tenant);
          return changePassword(deps, tenant.id, usernameOrId, password, cliChange());
        });
        if (!changed)
          throw new AppError('notFound', `no account '${usernameOrId}' in tenant '${options.tenant}'`);
        console.log(`new password set for ${usernameOrId}`);
      },
    );

  return admin;
}
