/**
 * Version 9: `externalId` is plain data (RFC 7643 gives it no uniqueness, and IdPs send one id for
 * several resources), so the unique keys go; a plain index keeps `externalId eq` an index look-up.
 */
export const externalIdNotUnique = `
DROP INDEX users_external_id;
DROP INDEX groups_external_id;
CREATE INDEX users_external_id ON users (tenant_id, external_id);
CREATE INDEX groups_external_id ON groups (tenant_id, external_id);
`;
