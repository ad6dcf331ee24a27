/** Version 1: tenants, users, groups, memberships, API tokens. Every key leads with tenant_id. */
export const init = `
-- Every table leads with tenant_id so that every key and index is scoped to one tenant.

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  policy_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

-- How many users and groups each tenant has, kept in the writing transaction, so an unfiltered
-- list's totalResults costs the same at a million users as at ten.
CREATE TABLE resource_counts (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  resource_type TEXT NOT NULL CHECK (resource_type IN ('users', 'groups')),
  total INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, resource_type)
) WITHOUT ROWID;

CREATE TABLE users (
  seq INTEGER PRIMARY KEY,                 -- insertion order: the stable default sort
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  user_name_key TEXT NOT NULL,             -- case-folded in code, identically for every dialect
  external_id TEXT,
  display_name TEXT,
  active INTEGER NOT NULL,
  doc_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, user_name_key)
);
CREATE UNIQUE INDEX users_external_id ON users (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX users_order ON users (tenant_id, seq);          -- pages in insertion order without sorting

CREATE TABLE user_emails (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  value_key TEXT NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_emails_value ON user_emails (tenant_id, value_key);
CREATE INDEX user_emails_user ON user_emails (tenant_id, user_id);

CREATE TABLE groups (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  display_name_key TEXT NOT NULL,
  external_id TEXT,
  doc_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE INDEX groups_display_name ON groups (tenant_id, display_name_key);
CREATE UNIQUE INDEX groups_external_id ON groups (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX groups_order ON groups (tenant_id, seq);

-- A group's members and a user's groups are both read from here; one edge per row, so adding or
-- removing a member never touches the others.
CREATE TABLE group_members (
  tenant_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
  PRIMARY KEY (tenant_id, group_id, member_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX group_members_member ON group_members (tenant_id, member_id);

CREATE TABLE credentials (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,        -- SHA-256 of the token; the token itself is never stored
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX credentials_tenant ON credentials (tenant_id, name);
`;
