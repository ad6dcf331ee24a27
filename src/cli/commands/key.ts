import { Command } from 'commander';
import { listSigningKeys, rotateSigningKey } from '../../service/signing-keys.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';
import { addListCommand } from '../list-command.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function keyCommand(): Command {
  const key = new Command('key').description("a tenant's JWT signing keys");

  key
    .command('rotate')
    .description('replace the signing key: every JWT signed with the old key stops working at once')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const created = await withService(command, async (deps) =>
        rotateSigningKey(deps, (await requireTenant(deps, options.tenant)).id, cliChange()),
      );
      console.log(`new signing key ${created.kid}`);
    });

  addListCommand(key, {
    description: 'key ids, algorithm, created, retired (never the key material)',
    read: listSigningKeys,
    columns: ['KID', 'ALGORITHM', 'CREATED', 'STATUS'],
    row: (k) => [k.kid, k.algorithm, k.createdAt, k.retiredAt ? `retired ${k.retiredAt}` : 'live'],
  });

  return key;
}
