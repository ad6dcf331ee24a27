/** Who made a change: the actor as the audit trail records it. */
export interface AuditActor {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
}

/** What a SCIM write did to a resource. */
export type ResourceAction = 'create' | 'replace' | 'patch' | 'delete';

/**
 * What a change did to a credential or the tenant's policy (`replace`). `revoke-on-reuse`: the server revoked an OAuth grant because a
 * spent refresh token or a used code was presented again.
 */
export type CredentialAction =
  | 'create'
  | 'delete'
  | 'revoke'
  | 'revoke-on-reuse'
  | 'disable'
  | 'set-password'
  | 'rotate'
  | 'consent'
  | 'replace';

export type CredentialType =
  | 'Token'
  | 'Account'
  | 'SigningKey'
  | 'OAuthClient'
  | 'OAuthGrant'
  | 'WebhookEndpoint'
  | 'Policy';

export interface AuditEvent {
  /** Per tenant, from 1, in commit order. */
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: ResourceAction | CredentialAction;
  readonly resourceType: 'User' | 'Group' | CredentialType;
  /** The resource's or credential's id (the tenant's, for its policy); never a secret. */
  readonly resourceId: string;
  /** A resource's version after the change (before it, for a delete); undefined for a credential. */
  readonly version: number | undefined;
}

export interface AuditWrites {
  /** Appends an event inside the change's own transaction, so neither commits without the other. */
  append(event: Omit<AuditEvent, 'seq'>): Promise<void>;
}

export interface AuditReads {
  /** Events after `afterSeq` (0: from the start), oldest first, at most `limit`. */
  list(afterSeq: number, limit: number): Promise<AuditEvent[]>;
}
