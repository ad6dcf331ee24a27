import type { Command } from 'commander';
import type { ServiceDeps } from '../service/deps.ts';
import type { TenantId } from '../store/port.ts';
import { databaseOption, requireTenant, withService } from './database-option.ts';

export interface ListSpec<T> {
  readonly description: string;
  readonly read: (deps: ServiceDeps, tenant: TenantId) => Promise<T[]>;
  readonly columns: readonly string[];
  readonly row: (record: T) => readonly unknown[];
}

/** `<parent> list --tenant T [--json]`: a tab-separated table with a header, or the records as JSON. */
export function addListCommand<T>(parent: Command, spec: ListSpec<T>): void {
  parent
    .command('list')
    .description(spec.description)
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: { tenant: string; json?: boolean }, command: Command) => {
      const records = await withService(command, async (deps) =>
        spec.read(deps, (await requireTenant(deps, options.tenant)).id),
      );
      if (options.json) {
        console.log(JSON.stringify(records, null, 2));
        return;
      }
      console.log(spec.columns.join('\t'));
      for (const record of records) console.log(spec.row(record).join('\t'));
    });
}
