/**
 * A policy that cannot be used: `pointer` (RFC 6901) names the field, `reason` says why. Not a
 * AppError: no SCIM client sends a policy; the admin API and the CLI report it.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly pointer: string;
  readonly reason: string;

  constructor(pointer: string, reason: string) {
    super(`${pointer === '' ? 'the policy' : pointer}: ${reason}`);
    this.pointer = pointer;
    this.reason = reason;
  }
}
