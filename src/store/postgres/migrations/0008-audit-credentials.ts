/**
 * Version 8 on PostgreSQL, as SQLite's 0008: credential changes join the audit trail, so the action
 * CHECK goes (the port's types say what is written) and a credential's entry has no version.
 */
export const auditCredentials = `
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ALTER COLUMN version DROP NOT NULL;
`;
