import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { createToken, expiryAfter, listTokens, revokeApiToken } from '../../service/tokens.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';
import { addListCommand } from '../list-command.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function tokenCommand(): Command {
  const token = new Command('token').description('mint, list and revoke API tokens for an IdP');

  token
    .command('create')
    .description('mint a bearer token; prints the token alone (shown once, stored only as a hash)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--name <name>', 'a name that says who uses it, e.g. okta')
    .option('--expires-in <duration>', 'refuse the token after this long, e.g. 90d, 12h, 30m')
    .option('--read-only', 'the token may read resources but not change them (403 on writes)')
    .option('--json', 'print JSON with the token and its metadata')
    .addOption(databaseOption())
    .action(
      async (
        options: TenantOptions & { name: string; expiresIn?: string; readOnly?: boolean },
        command: Command,
      ) => {
        const now = new Date();
        const { expiresIn } = options;
        const expiry = {
          expiresAt: expiresIn === undefined ? undefined : expiryAfter(expiresIn, now, '--expires-in'),
          scope: options.readOnly ? 'read' : 'write',
        } as const;
        const created = await withService(command, async (deps) => {
          const tenant = await requireTenant(deps, options.tenant);
          return createToken(deps, tenant.id, options.name, cliChange(now), expiry);
        });
        console.log(
          options.json ? JSON.stringify({ token: created.token, ...created.record }, null, 2) : created.token,
        );
      },
    );

  addListCommand(token, {
    description:
      'list tokens: name, prefix, created, last use, status, scope, last address, expiry (never the token)',
    read: listTokens,
    columns: ['NAME', 'PREFIX', 'CREATED', 'LAST USED', 'STATUS', 'SCOPE', 'LAST IP', 'EXPIRES'],
    row: (r) => {
      const expired = r.expiresAt !== undefined && Date.parse(r.expiresAt) <= Date.now();
      const status = r.revokedAt ? `revoked ${r.revokedAt}` : expired ? 'expired' : 'live';
      const used = r.lastUsedAt ?? 'never';
      return [
        r.name,
        `${r.prefix}…`,
        r.createdAt,
        used,
        status,
        r.scope,
        r.lastIp ?? '-',
        r.expiresAt ?? 'never',
      ];
    },
  });

  token
    .command('revoke <nameOrId>')
    .description('revoke a token by id, or every live token with that name; it stops working at once')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (nameOrId: string, options: TenantOptions, command: Command) => {
      const revoked = await withService(command, async (deps) => {
        const tenant = await requireTenant(deps, options.tenant);
        return revokeApiToken(deps, tenant.id, nameOrId, cliChange());
      });
      if (!revoked)
        throw new AppError('notFound', `no live token '${nameOrId}' in tenant '${options.tenant}'`);
      console.log(`revoked ${nameOrId}`);
    });

  return token;
}
