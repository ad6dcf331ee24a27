/** Version 9 on PostgreSQL, as SQLite's 0009: `externalId` is no longer unique, only indexed. */
export const externalIdNotUnique = `
DROP INDEX users_external_id;
DROP INDEX groups_external_id;
CREATE INDEX users_external_id ON users (tenant_id, external_id);
CREATE INDEX groups_external_id ON groups (tenant_id, external_id);
`;
