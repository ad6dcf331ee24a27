import { Command } from 'commander';
import { storeHealth } from '../../service/health.ts';
import { databaseOption, withService } from '../database-option.ts';

/**
 * Brings the database schema up to date and says where it stands. `serve` does the same at start (one
 * process at a time on PostgreSQL, under an advisory lock); this lets a deploy do it as its own step.
 */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending schema migrations to the database, then exit')
    .addOption(databaseOption())
    .action(async (_options, command: Command) => {
      await withService(command, async (deps) => {
        const { database, schemaVersion } = await storeHealth(deps);
        process.stdout.write(`${String(database)} database is at schema version ${String(schemaVersion)}\n`);
      });
    });
}
