import type { TenantId } from '../store/port.ts';

/** Who is making a request: every layer above auth sees this, never the credential itself. */
export interface Actor {
  readonly tenant: TenantId;
  readonly kind: 'token';
  readonly credentialId: string;
  readonly name: string;
}
