import { after } from '../../auth/oauth-tokens.ts';
import { newSecret, sha256 } from '../../auth/secrets.ts';
import type { AdminRecord, OAuthClient } from '../../store/port.ts';
import type { ServiceDeps } from '../deps.ts';

const CODE_TTL_MS = 5 * 60_000;

/** After the admin signed in and consented: a one-time code bound to client, redirect URI and PKCE. */
export async function issueCode(
  deps: ServiceDeps,
  request: {
    client: OAuthClient;
    admin: AdminRecord;
    redirectUri: string | undefined;
    codeChallenge: string | undefined;
  },
): Promise<string> {
  const code = newSecret('');
  await deps.store.forTenant(request.client.tenant).oauth.saveCode({
    codeHash: sha256(code),
    clientId: request.client.id,
    adminId: request.admin.id,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    expiresAt: after(deps.now(), CODE_TTL_MS),
  });
  return code;
}
