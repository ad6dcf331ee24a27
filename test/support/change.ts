import type { CredentialChange } from '../../src/service/credential-change.ts';

/** A credential change by the test suites' own set-up, as the audit trail records it. */
export function byTest(at = new Date().toISOString()): CredentialChange {
  return { by: { kind: 'test', id: 'test-suite', name: 'test-suite' }, at };
}
