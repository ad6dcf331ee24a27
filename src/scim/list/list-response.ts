export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/**
 * Where a page stands: an index page its `startIndex` (RFC 7644 §3.4.2.4), a cursor page the cursor of
 * the page after it, absent on the last page (RFC 9865 §4).
 */
export type PagePosition = { readonly startIndex: number } | { readonly nextCursor: string | undefined };

/** RFC 7644 §3.4.2: the paging numbers are JSON integers (Okta rejects strings). */
export function listResponse(resources: readonly unknown[], totalResults: number, position: PagePosition) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    ...position,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
