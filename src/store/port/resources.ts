import type { Position } from '../../scim/list/cursor.ts';
import type { ListQuery } from '../../scim/list/list-query.ts';
import type { ResourceDoc } from '../../scim/resource.ts';

/** A stored resource as read back: the client-writable document plus the server's bookkeeping. */
export interface StoredResource {
  readonly id: string;
  readonly doc: ResourceDoc;
  readonly version: number;
  readonly created: string;
  readonly lastModified: string;
}

export interface MemberRef {
  readonly value: string;
  readonly type: 'User' | 'Group';
  readonly display: string | undefined;
}

export interface GroupRef {
  readonly value: string;
  readonly display: string | undefined;
}

export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
  /** On a cursor page that is not the last: the position of its last item, where the next page starts. */
  readonly next?: Position;
}

/** A write, or the refusal of a User's whose userName another user of the tenant holds (the only unique key). */
export type Written =
  | { readonly ok: true; readonly value: StoredResource }
  | { readonly ok: false; readonly conflict: 'userName' };

export interface ResourceReads {
  /** The resource, or undefined for an unknown or malformed id (never an error). */
  get(id: string): Promise<StoredResource | undefined>;
  /**
   * Filtered, sorted page in the database; ties are broken by insertion order so paging is stable. A
   * cursor page is a keyset page: the rows after its position in (sort key, insertion order).
   */
  list(query: ListQuery): Promise<Page<StoredResource>>;
}

export interface ResourceWrites {
  insert(id: string, doc: ResourceDoc, now: string): Promise<Written>;
  /** Replaces the document and bumps the version by one. */
  update(current: StoredResource, doc: ResourceDoc, now: string): Promise<Written>;
  /**
   * Deletes the resource and every membership edge that names it; the groups it leaves get a new
   * version, since their member list changed. False when it did not exist.
   */
  delete(id: string, now: string): Promise<boolean>;
}

export interface MemberReads {
  /** Every member of a group, with display names read from the members' own rows. */
  list(groupId: string): Promise<MemberRef[]>;
  /** The groups each of the given resources belongs to directly, in one query for a whole page. */
  groupsOf(memberIds: readonly string[]): Promise<Map<string, GroupRef[]>>;
}

export interface MemberWrites {
  /** Of the given ids, those that are resources of this tenant, with their type. */
  resolve(ids: readonly string[]): Promise<Map<string, MemberRef['type']>>;
  /** Adds edges that are not there yet; never reads or rewrites the others. Returns how many were new. */
  add(groupId: string, members: readonly { value: string; type: MemberRef['type'] }[]): Promise<number>;
  /** Removes the named edges; returns how many existed. */
  remove(groupId: string, memberIds: readonly string[]): Promise<number>;
  removeAll(groupId: string): Promise<number>;
}
