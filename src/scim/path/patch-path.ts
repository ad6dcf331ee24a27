import type { Filter } from '../filter/ast.ts';
import type { AttributeDef, SchemaDef } from '../schema/attribute.ts';
import type { AttrRef } from '../schema/resource-type.ts';

/**
 * An RFC 7644 §3.5.2 PATCH path, resolved against the resource type:
 * - `attr`: `userName`, `name.givenName`, `urn:…:enterprise:2.0:User:manager`;
 * - `valuePath`: `emails[type eq "work"]`, optionally followed by `.value` (`sub`);
 * - `extension`: a bare extension schema URN, addressing that whole extension object.
 */
export type PatchPath =
  | { readonly kind: 'attr'; readonly ref: AttrRef }
  | { readonly kind: 'valuePath'; readonly ref: AttrRef; readonly where: Filter; readonly sub?: AttributeDef }
  | { readonly kind: 'extension'; readonly schema: SchemaDef };
