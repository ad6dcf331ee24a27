import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { DEFAULTS } from '../../config.ts';
import { AppError } from '../../errors/app-error.ts';
import { checkPolicy, setPolicy } from '../../service/tenant-policy.ts';
import { createTenant, deleteTenant, listTenants } from '../../service/tenants.ts';
import { parseTenantId, type TenantId } from '../../store/port.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, withService } from '../database-option.ts';
import { readPolicyFile, tenantPolicyCommand } from './tenant-policy.ts';

export function tenantName(name: string): TenantId {
  const id = parseTenantId(name);
  if (id === undefined)
    throw new AppError(
      'invalidValue',
      `invalid tenant name '${name}': use lower-case letters, digits and '-' (at most 63)`,
    );
  return id;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('create, list and delete tenants');

  tenant
    .command('create <name>')
    .description('create a tenant; prints its SCIM base URL (/tenants/<name>/scim/v2) and what to do next')
    .option('--policy <file>', 'its policy (docs/policies.md), a JSON file or - for stdin')
    .addOption(
      new Option('--public-url <url>', 'the origin the server is reached at, for the printed URL')
        .env('SCIMITAR_PUBLIC_URL')
        .default(`http://${DEFAULTS.host}:${DEFAULTS.port}`),
    )
    .addOption(databaseOption())
    .action(async (name: string, options: { policy?: string; publicUrl: string }, command: Command) => {
      const id = tenantName(name);
      // A bad policy is refused before the tenant exists, so a failed create leaves nothing behind.
      const document = options.policy === undefined ? undefined : readPolicyFile(options.policy);
      if (document !== undefined) checkPolicy(document);
      await withService(command, async (deps) => {
        if (!(await createTenant(deps, id))) throw new AppError('conflict', `tenant '${id}' already exists`);
        if (document !== undefined) await setPolicy(deps, id, document, cliChange());
      });
      console.log(
        [
          `Created tenant '${id}'${document === undefined ? '' : ' with its policy'}.`,
          `  SCIM base URL: ${options.publicUrl.replace(/\/+$/, '')}/tenants/${id}/scim/v2`,
          `Next, give the IdP a credential: scimitar token create --tenant ${id} --name okta`,
        ].join('\n'),
      );
    });

  tenant
    .command('list')
    .description('list tenants')
    .addOption(databaseOption())
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const tenants = await withService(command, listTenants);
      if (options.json) console.log(JSON.stringify(tenants, null, 2));
      else for (const t of tenants) console.log(`${t.id}\t${t.createdAt}`);
    });

  tenant
    .command('delete <name>')
    .description('delete a tenant and all its users, groups and tokens')
    .addOption(databaseOption())
    .option('--yes', 'do not ask for confirmation')
    .action(async (name: string, options: { yes?: boolean }, command: Command) => {
      const id = tenantName(name);
      if (!options.yes && !(await confirm(`Delete tenant '${id}' and all its data? [y/N] `))) {
        throw new AppError('invalidValue', 'not deleted (confirm interactively, or pass --yes)');
      }
      const deleted = await withService(command, (deps) => deleteTenant(deps, id));
      if (!deleted) throw new AppError('notFound', `no tenant named '${id}'`);
      console.log(`deleted ${id}`);
    });

  tenant.addCommand(tenantPolicyCommand());

  return tenant;
}
