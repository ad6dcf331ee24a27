import { Command } from 'commander';
import { createToken } from '../../auth/api-tokens.ts';
import { CliError, databaseOption, requireTenant, withStore } from '../database-option.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function tokenCommand(): Command {
  const token = new Command('token').description('mint, list and revoke API tokens for an IdP');

  token
    .command('create')
    .description('mint a bearer token; prints the token alone (shown once, stored only as a hash)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--name <name>', 'a name that says who uses it, e.g. okta')
    .option('--json', 'print JSON with the token and its metadata')
    .addOption(databaseOption())
    .action(async (options: TenantOptions & { name: string }, command: Command) => {
      const created = await withStore(command, async (store) => {
        const tenant = await requireTenant(store, options.tenant);
        return createToken(store, tenant.id, options.name, new Date().toISOString());
      });
      console.log(
        options.json ? JSON.stringify({ token: created.token, ...created.record }, null, 2) : created.token,
      );
    });

  token
    .command('list')
    .description('list tokens: name, prefix, created, last used (never the token)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const records = await withStore(command, async (store) =>
        store.tokens.list((await requireTenant(store, options.tenant)).id),
      );
      if (options.json) {
        console.log(JSON.stringify(records, null, 2));
        return;
      }
      console.log(['NAME', 'PREFIX', 'CREATED', 'LAST USED', 'STATUS'].join('\t'));
      for (const r of records) {
        const status = r.revokedAt ? `revoked ${r.revokedAt}` : 'live';
        console.log([r.name, `${r.prefix}…`, r.createdAt, r.lastUsedAt ?? 'never', status].join('\t'));
      }
    });

  token
    .command('revoke <nameOrId>')
    .description('revoke a token by id, or every live token with that name; it stops working at once')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (nameOrId: string, options: TenantOptions, command: Command) => {
      const revoked = await withStore(command, async (store) => {
        const tenant = await requireTenant(store, options.tenant);
        return store.tokens.revoke(tenant.id, nameOrId, new Date().toISOString());
      });
      if (!revoked) throw new CliError(`no live token '${nameOrId}' in tenant '${options.tenant}'`);
      console.log(`revoked ${nameOrId}`);
    });

  return token;
}
