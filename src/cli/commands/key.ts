import { Command } from 'commander';
import { rotateSigningKey } from '../../auth/admin-jwt.ts';
import { databaseOption, requireTenant, withStore } from '../database-option.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function keyCommand(): Command {
  const key = new Command('key').description("a tenant's JWT signing keys");

  key
    .command('rotate')
    .description('replace the signing key: every JWT signed with the old key stops working at once')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const created = await withStore(command, async (store) =>
        rotateSigningKey(store, (await requireTenant(store, options.tenant)).id, new Date()),
      );
      console.log(`new signing key ${created.kid}`);
    });

  key
    .command('list')
    .description('key ids, algorithm, created, retired (never the key material)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const keys = await withStore(command, async (store) =>
        store.signingKeys.list((await requireTenant(store, options.tenant)).id),
      );
      const shown = keys.map(({ secret: _, ...k }) => k);
      if (options.json) {
        console.log(JSON.stringify(shown, null, 2));
        return;
      }
      console.log(['KID', 'ALGORITHM', 'CREATED', 'STATUS'].join('\t'));
      for (const k of shown)
        console.log(
          [k.kid, k.algorithm, k.createdAt, k.retiredAt ? `retired ${k.retiredAt}` : 'live'].join('\t'),
        );
    });

  return key;
}
