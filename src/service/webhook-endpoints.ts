import { AppError } from '../errors/app-error.ts';
import { newSigningSecret } from '../events/sign.ts';
import type { TenantId, WebhookEndpoint, WebhookEndpointStatus } from '../store/port.ts';
import { type CredentialChange, changeCredentials, touching } from './credential-change.ts';
import type { ServiceDeps } from './deps.ts';

/** Only http and https endpoints with a host; credentials in the URL would end up in logs and listings. */
function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalidValue', `not a URL: '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('invalidValue', `only http and https endpoints are supported, not '${url.protocol}'`);
  if (url.username || url.password)
    throw new AppError('invalidValue', 'a webhook URL may not carry credentials');
  return url.toString();
}

/** Registers an endpoint with a new signing secret; the caller shows the secret once. */
export async function addWebhookEndpoint(
  deps: ServiceDeps,
  tenant: TenantId,
  url: string,
  change: CredentialChange,
): Promise<WebhookEndpoint> {
  const endpoint = {
    id: deps.newId(),
    tenant,
    url: checkUrl(url),
    secret: newSigningSecret(),
    createdAt: change.at,
  };
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    await tx.webhooks.addEndpoint(endpoint);
    return { result: endpoint, touched: [{ action: 'create', type: 'WebhookEndpoint', id: endpoint.id }] };
  });
}

/** Removes an endpoint with its deliveries, pending or not; false when there was none. */
export function removeWebhookEndpoint(
  deps: ServiceDeps,
  tenant: TenantId,
  id: string,
  change: CredentialChange,
): Promise<boolean> {
  return changeCredentials(deps.store, tenant, change, async (tx) => {
    const removed = await tx.webhooks.removeEndpoint(id);
    return { result: removed, touched: touching(removed ? id : undefined, 'delete', 'WebhookEndpoint') };
  });
}

/** The tenant's endpoints, with their pending and failed deliveries; never their secrets. */
export function listWebhookEndpoints(deps: ServiceDeps, tenant: TenantId): Promise<WebhookEndpointStatus[]> {
  return deps.store.forTenant(tenant).webhooks.listEndpoints();
}
