/**
 * Version 1 on PostgreSQL: the same tables, keys and indexes as SQLite's 0001, in PostgreSQL's types.
 * Every primary, unique and foreign key leads with tenant_id, so the tables can be distributed by
 * tenant (Citus) without changing a constraint; docs/scale.md and a test hold us to that.
 * Text that is compared or sorted uses the "C" collation, byte order, as SQLite and the evaluator do.
 */
export const init = `
CREATE TABLE tenants (
  id TEXT COLLATE "C" PRIMARY KEY,
  policy_json JSONB NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

CREATE TABLE resource_counts (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  resource_type TEXT NOT NULL CHECK (resource_type IN ('users', 'groups')),
  total BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, resource_type)
);

CREATE TABLE users (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,   -- insertion order: the stable default sort
  user_name TEXT NOT NULL,
  user_name_key TEXT COLLATE "C" NOT NULL,   -- case-folded in code, identically for every dialect
  external_id TEXT COLLATE "C",
  display_name TEXT COLLATE "C",
  active BOOLEAN NOT NULL,
  doc_json JSONB NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT users_user_name_key UNIQUE (tenant_id, user_name_key)
);
CREATE UNIQUE INDEX users_external_id ON users (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX users_order ON users (tenant_id, seq);

CREATE TABLE user_emails (
  tenant_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  value_key TEXT COLLATE "C" NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_emails_value ON user_emails (tenant_id, value_key);
CREATE INDEX user_emails_user ON user_emails (tenant_id, user_id);

CREATE TABLE groups (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  display_name TEXT COLLATE "C" NOT NULL,
  display_name_key TEXT COLLATE "C" NOT NULL,
  external_id TEXT COLLATE "C",
  doc_json JSONB NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  CONSTRAINT groups_pkey PRIMARY KEY (tenant_id, id)
);
CREATE INDEX groups_display_name ON groups (tenant_id, display_name_key);
CREATE UNIQUE INDEX groups_external_id ON groups (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX groups_order ON groups (tenant_id, seq);

CREATE TABLE group_members (
  tenant_id TEXT COLLATE "C" NOT NULL,
  group_id TEXT COLLATE "C" NOT NULL,
  member_id TEXT COLLATE "C" NOT NULL,
  member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
  PRIMARY KEY (tenant_id, group_id, member_id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX group_members_member ON group_members (tenant_id, member_id);

CREATE TABLE credentials (
  tenant_id TEXT COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT COLLATE "C" NOT NULL,     -- SHA-256 of the token; the token itself is never stored
  created_at TEXT COLLATE "C" NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, secret_hash)
);
CREATE INDEX credentials_tenant ON credentials (tenant_id, name);

-- Epoch seconds of an xsd:dateTime text, NULL for anything else: the filter compiler compares dateTime
-- values inside documents with it (SQLite: unixepoch). It accepts what the evaluator's parseDateTime
-- accepts, and reads a value without an offset as UTC, so the session time zone never changes an answer.
CREATE FUNCTION scim_epoch(value TEXT) RETURNS DOUBLE PRECISION
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF value !~ '^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)?$' THEN
    RETURN NULL;
  END IF;
  RETURN extract(epoch FROM (CASE WHEN value ~ '(Z|[+-]\\d{2}:\\d{2})$' THEN value ELSE value || 'Z' END)::timestamptz);
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
`;
