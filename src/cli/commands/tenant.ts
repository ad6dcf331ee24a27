import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { createTenant, deleteTenant, listTenants } from '../../service/tenants.ts';
import { parseTenantId, type TenantId } from '../../store/port.ts';
import { databaseOption, withService } from '../database-option.ts';

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
    .description('create a tenant; its SCIM base URL is /tenants/<name>/scim/v2')
    .addOption(databaseOption())
    .action(async (name: string, _options, command: Command) => {
      const id = tenantName(name);
      await withService(command, async (deps) => {
        if (!(await createTenant(deps, id))) throw new AppError('conflict', `tenant '${id}' already exists`);
      });
      console.log(id);
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

  return tenant;
}
