import type { PatchContext } from './context.ts';
import type { ReplaceOp } from './parse-patch-request.ts';
import { type WriteMode, write } from './write.ts';

/**
 * RFC 7644 §3.5.2.3: a multi-valued attribute written without a filter gets exactly the values given;
 * each element a filter selects is replaced by the value. The filter's `eq` values stay in it, so
 * `addresses[type eq "work"]` replaced by an address without `type` is still the work address.
 */
const replaceMode: WriteMode = {
  writeValues: (_def, _current, incoming) => [...incoming],
  writeElement: (_current, incoming, pinned) => incoming && { ...pinned, ...incoming },
};

export function replace(ctx: PatchContext, op: ReplaceOp): void {
  write(ctx, replaceMode, op.path, op.value);
}
