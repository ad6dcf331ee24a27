import { AppError } from '../../errors/app-error.ts';
import { attributeList } from './scim-context.ts';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** A SearchRequest body (RFC 7644 §3.4.3) as list parameters. */
export function searchParams(body: unknown) {
  const search = body as Record<string, unknown> | undefined;
  if (
    !search ||
    typeof search !== 'object' ||
    !Array.isArray(search.schemas) ||
    !search.schemas.includes(SEARCH_REQUEST)
  ) {
    throw new AppError('invalidSyntax', `a search body must list the schema ${SEARCH_REQUEST}`);
  }
  return {
    filter: search.filter,
    sortBy: search.sortBy,
    sortOrder: search.sortOrder,
    startIndex: search.startIndex,
    count: search.count,
    cursor: search.cursor,
    attributes: attributeList('attributes', search.attributes),
    excludedAttributes: attributeList('excludedAttributes', search.excludedAttributes),
  };
}
