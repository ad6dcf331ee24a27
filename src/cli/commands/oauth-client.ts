import { Command } from 'commander';
import { AppError } from '../../errors/app-error.ts';
import { deleteClient, listClients, registerClient } from '../../service/oauth/clients.ts';
import type { OAuthClient } from '../../store/port.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, requireTenant, withService } from '../database-option.ts';
import { addListCommand } from '../list-command.ts';

type TenantOptions = { tenant: string; json?: boolean };
type CreateOptions = TenantOptions & { name: string; redirectUri: string[]; clientCredentials?: boolean };

const collect = (value: string, previous: string[]) => [...previous, value];

const grantTypes = (client: OAuthClient) => [
  'authorization_code',
  'refresh_token',
  ...(client.allowClientCredentials ? ['client_credentials'] : []),
];

export function oauthClientCommand(): Command {
  const clients = new Command('oauth-client').description(
    "a tenant's OAuth app registrations, for IdPs that connect with OAuth 2 (e.g. Okta for DocuWare)",
  );

  clients
    .command('create')
    .description('register an app; prints the client id and the secret (shown once, stored as a hash)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--name <name>', 'a name for the registration, e.g. okta')
    .option(
      '--redirect-uri <uri>',
      'an exact redirect URI; repeat for more, e.g. https://system-admin.okta.com/admin/app/cpc/{appId}/oauth/callback',
      collect,
      [],
    )
    .option(
      '--client-credentials',
      'also allow grant_type=client_credentials: a write token from the secret alone, without an admin',
    )
    .option('--json', 'print JSON')
    .addOption(databaseOption())
    .action(async (options: CreateOptions, command: Command) => {
      const { client, secret } = await withService(command, async (deps) => {
        const tenant = await requireTenant(deps, options.tenant);
        const input = {
          name: options.name,
          redirectUris: options.redirectUri,
          allowClientCredentials: options.clientCredentials === true,
        };
        return registerClient(deps, tenant.id, input, cliChange());
      });
      if (options.json) console.log(JSON.stringify({ ...client, clientSecret: secret }, null, 2));
      else console.log(`client id:     ${client.id}\nclient secret: ${secret}`);
    });

  addListCommand(clients, {
    description: 'client id, name, created, grant types, redirect URIs (never the secret)',
    read: listClients,
    columns: ['CLIENT ID', 'NAME', 'CREATED', 'GRANT TYPES', 'REDIRECT URIS'],
    row: (c) => [c.id, c.name, c.createdAt, grantTypes(c).join(','), c.redirectUris.join(' ')],
  });

  clients
    .command('delete <clientId>')
    .description('delete a registration: its codes, refresh tokens and access tokens stop working at once')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .addOption(databaseOption())
    .action(async (clientId: string, options: TenantOptions, command: Command) => {
      const deleted = await withService(command, async (deps) =>
        deleteClient(deps, (await requireTenant(deps, options.tenant)).id, clientId, cliChange()),
      );
      if (!deleted)
        throw new AppError('notFound', `no OAuth client '${clientId}' in tenant '${options.tenant}'`);
      console.log(`deleted ${clientId}`);
    });

  return clients;
}
