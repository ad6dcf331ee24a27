export * from './apply-write-policy.ts';
export * from './login-decision.ts';
export * from './match-filters.ts';
export * from './parse-policy.ts';
export * from './policy.ts';
export * from './policy-error.ts';
export { POLICY_JSON_SCHEMA, type PolicyDocument } from './policy-schema.ts';
export * from './refusals.ts';
