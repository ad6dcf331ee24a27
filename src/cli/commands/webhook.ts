import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import {
  addWebhookEndpoint,
  listWebhookEndpoints,
  removeWebhookEndpoint,
} from '../../service/webhook-endpoints.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';

type TenantOptions = { tenant: string; json?: boolean };

export function webhookCommand(): Command {
  const webhook = new Command('webhook').description('register, list and remove webhook endpoints');

  webhook
    .command('add')
    .description('register an endpoint; prints its id and signing secret (shown once)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--url <url>', 'http(s) URL that receives the events')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: TenantOptions & { url: string }, command: Command) => {
      const endpoint = await withService(command, async (deps) => {
        const tenant = await requireTenant(deps, options.tenant);
        return addWebhookEndpoint(deps, tenant.id, options.url, cliChange());
      });
      if (options.json) {
        console.log(JSON.stringify(endpoint, null, 2));
        return;
      }
      console.log(`id:     ${endpoint.id}`);
      console.log(`url:    ${endpoint.url}`);
      console.log(`secret: ${endpoint.secret}`);
      console.log('The secret is shown only this once: verify the webhook-signature header with it.');
    });

  webhook
    .command('list')
    .description('list endpoints with their pending and failed deliveries')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: TenantOptions, command: Command) => {
      const endpoints = await withService(command, async (deps) =>
        listWebhookEndpoints(deps, (await requireTenant(deps, options.tenant)).id),
      );
      if (options.json) {
        console.log(JSON.stringify(endpoints, null, 2));
        return;
      }
      console.log(['ID', 'URL', 'CREATED', 'PENDING', 'FAILED'].join('\t'));
      for (const e of endpoints) console.log([e.id, e.url, e.createdAt, e.pending, e.failed].join('\t'));
    });

  webhook
    .command('remove <id>')
    .description('remove an endpoint; its pending deliveries are dropped')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (id: string, options: TenantOptions, command: Command) => {
      const removed = await withService(command, async (deps) =>
        removeWebhookEndpoint(deps, (await requireTenant(deps, options.tenant)).id, id, cliChange()),
      );
      if (!removed)
        throw new AppError('notFound', `no webhook endpoint '${id}' in tenant '${options.tenant}'`);
      console.log(`removed ${id}`);
    });

  return webhook;
}
