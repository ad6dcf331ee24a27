import type { AttrRef } from '../../scim/schema/resource-type.ts';

/** A real column that holds an attribute's value, so filters and sorting on it use an index. */
export interface ColumnSpec {
  readonly column: string;
  /** The column holds the case-folded value (compare folded literals against it). */
  readonly folded: boolean;
  readonly type: 'string' | 'dateTime';
}

/** How one resource table is laid out: which attributes live in columns and side tables. */
export interface TableSpec {
  readonly table: 'users' | 'groups';
  /** Every row's `meta.resourceType`: a constant of the table, not stored. */
  readonly resourceType: 'User' | 'Group';
  readonly columns: ReadonlyMap<string, ColumnSpec>;
  /** The group_members column that holds this table's id: users are members, groups have members. */
  readonly edgeColumn: 'member_id' | 'group_id';
  /** The multi-valued attribute read from group_members (`groups` on users, `members` on groups). */
  readonly edgeAttribute: 'groups' | 'members';
  /** Whether `emails.value eq` can use the user_emails side table. */
  readonly emailIndex: boolean;
}

/** `userName`, `meta.created`, `urn:…:User:department` — the key a ColumnSpec is registered under. */
export function attrKey(ref: AttrRef): string {
  const top = ref.extension ? `${ref.schema}:${ref.attr.name}` : ref.attr.name;
  return ref.sub ? `${top}.${ref.sub.name}` : top;
}

/**
 * `meta.version` of the row `row`: the weak ETag `W/"n"` of its version, as service/render.ts renders
 * it, so filters and sorting see the text clients see. Wrap it in the dialect's `bytewise`.
 */
export const versionTag = (row: string) => `('W/"' || CAST(${row}.version AS TEXT) || '"')`;

const common: [string, ColumnSpec][] = [
  ['id', { column: 'id', folded: false, type: 'string' }],
  ['externalId', { column: 'external_id', folded: false, type: 'string' }],
  ['meta.created', { column: 'created_at', folded: false, type: 'dateTime' }],
  ['meta.lastModified', { column: 'updated_at', folded: false, type: 'dateTime' }],
];

export const USERS_TABLE: TableSpec = {
  table: 'users',
  resourceType: 'User',
  columns: new Map([...common, ['userName', { column: 'user_name_key', folded: true, type: 'string' }]]),
  edgeColumn: 'member_id',
  edgeAttribute: 'groups',
  emailIndex: true,
};

export const GROUPS_TABLE: TableSpec = {
  table: 'groups',
  resourceType: 'Group',
  columns: new Map([
    ...common,
    ['displayName', { column: 'display_name_key', folded: true, type: 'string' }],
  ]),
  edgeColumn: 'group_id',
  edgeAttribute: 'members',
  emailIndex: false,
};
