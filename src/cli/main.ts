#!/usr/bin/env node
import { Command } from 'commander';
import { adminCommand } from './commands/admin.ts';
import { auditCommand } from './commands/audit.ts';
import { checkCommand } from './commands/check.ts';
import { keyCommand } from './commands/key.ts';
import { migrateCommand } from './commands/migrate.ts';
import { oauthClientCommand } from './commands/oauth-client.ts';
import { serveCommand } from './commands/serve.ts';
import { tenantCommand } from './commands/tenant.ts';
import { tokenCommand } from './commands/token.ts';
import { webhookCommand } from './commands/webhook.ts';
import { reportError } from './report-error.ts';
import { VERSION } from './version.ts';

const program = new Command('scimitar')
  .description('Scimitar: a multi-tenant SCIM 2.0 provisioning server')
  .version(VERSION, '-v, --version')
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(tenantCommand())
  .addCommand(tokenCommand())
  .addCommand(adminCommand())
  .addCommand(auditCommand())
  .addCommand(keyCommand())
  .addCommand(oauthClientCommand())
  .addCommand(checkCommand())
  .addCommand(webhookCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exit(reportError('scimitar', error));
});
