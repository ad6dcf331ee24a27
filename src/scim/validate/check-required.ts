import { AppError } from '../../errors/app-error.ts';
import { getAttr, isJsonObject, type ResourceDoc } from '../resource.ts';
import type { ResourceTypeDef } from '../schema/resource-type.ts';

/**
 * RFC 7643 §2.2 `required`, and §6 required extensions: a missing one is invalidValue ("a required
 * value was missing", RFC 7644 §3.12). Run after normalizing a body and after applying a PATCH.
 */
export function checkRequired(rt: ResourceTypeDef, doc: ResourceDoc): void {
  for (const { schema, required } of rt.extensions) {
    if (required && !isJsonObject(doc[schema.id])) {
      throw new AppError('invalidValue', `The extension "${schema.id}" is required.`);
    }
  }
  const schemas = [
    { schema: rt.schema, extension: false },
    ...rt.extensions
      .filter((e) => isJsonObject(doc[e.schema.id]))
      .map((e) => ({ schema: e.schema, extension: true })),
  ];
  for (const { schema, extension } of schemas) {
    for (const attr of schema.attributes) {
      // readOnly values are the service's to assign, never the client's.
      if (!attr.required || attr.mutability === 'readOnly') continue;
      if (getAttr(doc, { schema: schema.id, extension, attr }) === undefined) {
        throw new AppError('invalidValue', `Attribute "${attr.name}" is required.`);
      }
    }
  }
}
