import cluster from 'node:cluster';
import { Command, Option } from 'commander';
import { openServer } from '../../compose.ts';
import { type Config, DEFAULTS, parseConfig } from '../../config.ts';
import { AppError } from '../../errors/app-error.ts';
import { ensureOperator } from '../../service/accounts.ts';
import type { ServiceDeps } from '../../service/deps.ts';
import { createTenant, listTenants } from '../../service/tenants.ts';
import { createToken } from '../../service/tokens.ts';
import { cliChange } from '../cli-change.ts';
import { databaseOption, withService } from '../database-option.ts';
import { superviseWorkers } from '../workers.ts';
import { tenantName } from './tenant.ts';

const FIRST_TENANT = tenantName('default');

async function listBaseUrls(deps: ServiceDeps, origin: string): Promise<string> {
  const urls = (await listTenants(deps)).map((t) => `  ${origin}/tenants/${t.id}/scim/v2`).join('\n');
  return `SCIM base URLs:\n${urls}\nMint a token with: scimitar token create --tenant <tenant> --name <name>\n`;
}

/**
 * On a database with no tenant: create `default` with one token and print it, once. Of several
 * processes starting together on one new database, only the one whose insert wins mints the token.
 */
async function bootstrap(deps: ServiceDeps, origin: string): Promise<string> {
  // The first token is the work of whoever started the server.
  const change = cliChange();
  if ((await listTenants(deps)).length > 0 || !(await createTenant(deps, FIRST_TENANT))) {
    return listBaseUrls(deps, origin);
  }
  const { token } = await createToken(deps, FIRST_TENANT, 'initial', change);
  const base = `${origin}/tenants/${FIRST_TENANT}/scim/v2`;
  return [
    `Created tenant '${FIRST_TENANT}' with an API token. The token is shown only this once:`,
    '',
    `  SCIM base URL: ${base}`,
    `  API token:     ${token}`,
    '',
    'Try it:',
    `  curl -H 'Authorization: Bearer ${token}' '${base}/Users?startIndex=1&count=2'`,
    '',
  ].join('\n');
}

interface ServeOptions {
  port: string;
  host: string;
  publicUrl?: string;
  database: string;
  workers: string;
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new AppError('invalidValue', `invalid --workers '${value}': use 1 to 64`);
  return n;
}

/**
 * Serves in this process, and delivers webhooks from it, until SIGTERM or SIGINT; then finishes
 * in-flight requests and deliveries, hands back claimed deliveries not yet sent, and exits.
 */
async function serveHere(config: Config): Promise<{ port: number; deps: ServiceDeps }> {
  const { app, logger, service, draining, startWebhooks, closeStore } = await openServer(config);
  await app.listen({ host: config.host, port: config.port });
  const webhooks = startWebhooks();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    // Readiness turns 503 at once; requests on kept-alive connections get 503 and `Connection: close`
    // until those connections are gone, and only then does the server stop listening.
    draining.begin();
    const closed = draining.settled(app.server, config.shutdownDrainMs).then(() => app.close());
    Promise.all([closed, webhooks.stop()])
      .then(closeStore)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return { port, deps: service };
}

function originOf(config: Config, port: number): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return config.publicUrl ?? `http://${host}:${port}`;
}

/** Prints the base URLs (and, on a new database, the first token) once the server listens. */
async function announce(deps: ServiceDeps, config: Config, port: number): Promise<void> {
  // One write, so that whoever reads the output sees the whole greeting at once.
  const greeting = await bootstrap(deps, originOf(config, port));
  const operator = await bootstrapOperator(deps);
  process.stdout.write(operator ? `${greeting}\n${operator}` : greeting);
}

/**
 * On a server with no operator account: create one, with SCIMITAR_OPERATOR_PASSWORD or a generated
 * password that is printed once.
 */
async function bootstrapOperator(deps: ServiceDeps): Promise<string> {
  const password = process.env.SCIMITAR_OPERATOR_PASSWORD || undefined;
  const created = await ensureOperator(deps, password);
  if (!created) return '';
  if (created.password === undefined)
    return `Created the operator account '${created.username}' with SCIMITAR_OPERATOR_PASSWORD.\n`;
  return [
    `Created the operator account for the whole server. Its password is shown only this once:`,
    '',
    `  username: ${created.username}`,
    `  password: ${created.password}`,
    '',
  ].join('\n');
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the SCIM server')
    .addOption(
      new Option('--port <port>', 'port to listen on').env('SCIMITAR_PORT').default(String(DEFAULTS.port)),
    )
    .addOption(
      new Option('--host <host>', 'address to listen on').env('SCIMITAR_HOST').default(DEFAULTS.host),
    )
    .addOption(
      new Option('--public-url <url>', 'origin published in URLs, e.g. https://scim.example.com').env(
        'SCIMITAR_PUBLIC_URL',
      ),
    )
    .addOption(
      new Option(
        '--workers <n>',
        'server processes sharing the port (node:cluster); use PostgreSQL for more than 1',
      )
        .env('SCIMITAR_WORKERS')
        .default('1'),
    )
    .addOption(databaseOption())
    .action(async (options: ServeOptions, command: Command) => {
      const config = parseConfig(options);
      const workers = workerCount(options.workers);
      if (workers === 1) {
        const { port, deps } = await serveHere(config);
        await announce(deps, config, port);
      } else if (cluster.isPrimary) {
        // Opening migrates, so the workers start on an up-to-date schema instead of queueing on the
        // lock; the same store then prints the greeting once they all listen.
        await withService(command, async (deps) => announce(deps, config, await superviseWorkers(workers)));
      } else {
        process.send?.({ listening: (await serveHere(config)).port });
      }
    });
}
