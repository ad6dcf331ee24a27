import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { getPolicy, setPolicy } from '../../service/tenant-policy.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';

/** A policy document from a file, or from stdin for `-`; its JSON only, judged by setPolicy. */
export function readPolicyFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new AppError('invalidValue', `cannot read the policy '${path}': ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalidSyntax', `the policy '${path}' is not JSON: ${(error as Error).message}`);
  }
}

/** `scimitar tenant policy get|set`: the tenant's policy document (docs/policies.md). */
export function tenantPolicyCommand(): Command {
  const policy = new Command('policy').description("show or replace a tenant's policy (docs/policies.md)");

  policy
    .command('get <name>')
    .description("print the tenant's policy as JSON ({} when it has none)")
    .addOption(databaseOption())
    .action(async (name: string, _options, command: Command) => {
      const document = await withService(command, async (deps) =>
        getPolicy(deps, (await requireTenant(deps, name)).id),
      );
      console.log(JSON.stringify(document, null, 2));
    });

  policy
    .command('set <name> <file>')
    .description(
      'replace the tenant\'s policy with the JSON in FILE ("-": stdin); stored data stays as it is',
    )
    .addOption(databaseOption())
    .action(async (name: string, file: string, _options, command: Command) => {
      const document = readPolicyFile(file);
      await withService(command, async (deps) =>
        setPolicy(deps, (await requireTenant(deps, name)).id, document, cliChange()),
      );
      console.log(`policy of ${name} set`);
    });

  return policy;
}
