import { Command } from 'commander';
import { createToken } from '../../auth/api-tokens.ts';
import { parseDuration } from '../../config.ts';
import { CliError, databaseOption, requireTenant, withStore } from '../database-option.ts';

type TenantOptions = { tenant: string; json?: boolean };

/** `90d`, `12h`, `30m`: the instant that long after `now`. */
function expiryAfter(duration: string, now: Date): string {
  try {
    return new Date(now.getTime() + parseDuration(duration) * 1000).toISOString();
  } catch (error) {
    throw new CliError(`--expires-in: ${(error as Error).message}`);
  }
}

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
        const expiresAt = options.expiresIn === undefined ? undefined : expiryAfter(options.expiresIn, now);
        const scope = options.readOnly ? 'read' : 'write';
        const created = await withStore(command, async (store) => {
          const tenant = await requireTenant(store, options.tenant);
          return createToken(store, tenant.id, options.name, now.toISOString(), { expiresAt, scope });
        });
        console.log(
          options.json ? JSON.stringify({ token: created.token, ...created.record }, null, 2) : created.token,
        );
      },
    );

  token
    .command('list')
    .description('list tokens: name, prefix, scope, created, last use and address, expiry (never the token)')
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
      const now = new Date().toISOString();
      console.log(
        ['NAME', 'PREFIX', 'CREATED', 'LAST USED', 'STATUS', 'SCOPE', 'LAST IP', 'EXPIRES'].join('\t'),
      );
      for (const r of records) {
        const expired = r.expiresAt !== undefined && r.expiresAt <= now;
        const status = r.revokedAt ? `revoked ${r.revokedAt}` : expired ? 'expired' : 'live';
        const row = [r.name, `${r.prefix}…`, r.createdAt, r.lastUsedAt ?? 'never', status, r.scope];
        console.log([...row, r.lastIp ?? '-', r.expiresAt ?? 'never'].join('\t'));
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
