import type { CredentialScope, TenantId } from '../store/port.ts';

/**
 * How a request proved who it is: an API token, a tenant account over HTTP Basic (`admin` or
 * `provisioning`), a JWT an admin requested (`jwt`), or an OAuth access token (`oauth`).
 */
export type ActorKind = 'token' | 'admin' | 'provisioning' | 'jwt' | 'oauth';

/** Who is making a request: every layer above auth sees this, never the credential itself. */
export interface Actor {
  readonly tenant: TenantId;
  readonly kind: ActorKind;
  /** The token, account or OAuth client id: what the audit trail names. */
  readonly credentialId: string;
  /** Shown in the audit trail: the token's name, the account's username, the client's name. */
  readonly name: string;
  readonly scope: CredentialScope;
}
