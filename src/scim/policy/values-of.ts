import { isJsonObject, type ResourceDoc } from '../resource.ts';

/** The string values of one sub-attribute across a multi-valued attribute: the `value`s of `emails`. */
export function valuesOf(doc: ResourceDoc | undefined, attribute: string, sub = 'value'): string[] {
  const elements = doc?.[attribute];
  if (!Array.isArray(elements)) return [];
  return elements.flatMap((e) => (isJsonObject(e) && typeof e[sub] === 'string' ? [e[sub]] : []));
}
