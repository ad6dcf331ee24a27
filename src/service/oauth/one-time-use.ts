import type { TenantTx } from '../../store/port.ts';
import { touching } from '../credential-change.ts';

/**
 * A one-time code or refresh token: used now, or refused; a replay of a used one revokes its grant,
 * named in `revoked` when this use revoked it (undefined when it was revoked already).
 */
export type OneTimeUse = { readonly ok: true } | { readonly ok: false; readonly revoked: string | undefined };

export const USED: OneTimeUse = { ok: true };
/** Unknown (or gone since it was read): refused, with nothing to revoke. */
export const REFUSED: OneTimeUse = { ok: false, revoked: undefined };

/** RFC 6749 §4.1.2, RFC 9700 §4.14.2: a used code or spent refresh token presented again revokes its grant. */
export async function replayed(tx: TenantTx, grantId: string, now: string): Promise<OneTimeUse> {
  return { ok: false, revoked: (await tx.oauth.revokeGrant(grantId, now)) ? grantId : undefined };
}

/** The grant a replayed code or refresh token revoked just now, recorded as the server's answer to it. */
export const revokedOnReuse = (use: OneTimeUse) =>
  touching(use.ok ? undefined : use.revoked, 'revoke-on-reuse', 'OAuthGrant');
