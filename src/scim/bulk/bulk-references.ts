/** RFC 7644 §3.7.2: a value `bulkId:X` stands for the id of the resource the operation `X` creates. */
const REFERENCE = /^bulkId:(.+)$/s;

/** The bulkIds a value refers to, at any depth (a group's `members[].value`, a user's `manager`…). */
export function referencesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = REFERENCE.exec(value);
    if (match) found.add(match[1] as string);
  } else if (Array.isArray(value)) {
    for (const item of value) referencesOf(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) referencesOf(item, found);
  }
  return found;
}

/** `value` with every `bulkId:X` replaced by the id `X` created; the input is not changed. */
export function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const match = REFERENCE.exec(value);
    return match ? (ids.get(match[1] as string) ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, ids));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, ids)]));
  return value;
}

/**
 * The order to run operations in so that each runs after the operations whose bulkIds it refers to,
 * keeping request order wherever the references allow. Operations on a circular chain of references
 * (and those waiting on one) cannot be ordered: they are returned as `circular`.
 */
export function executionOrder(
  operations: readonly { readonly bulkId: string | undefined; readonly refs: ReadonlySet<string> }[],
): { order: number[]; circular: number[] } {
  const creator = new Map(
    operations.flatMap((op, i) => (op.bulkId === undefined ? [] : [[op.bulkId, i] as const])),
  );
  // An operation waits for the creators of the bulkIds it names (unknown names fail when it runs).
  const waitsFor = operations.map(
    (op, i) =>
      new Set(
        [...op.refs].flatMap((id) => {
          const j = creator.get(id);
          return j === undefined || j === i ? [] : [j];
        }),
      ),
  );
  const selfReferencing = new Set(
    operations.flatMap((op, i) => (op.bulkId !== undefined && op.refs.has(op.bulkId) ? [i] : [])),
  );
  const done = new Set<number>();
  const order: number[] = [];
  const ready = (i: number) =>
    !done.has(i) && !selfReferencing.has(i) && [...(waitsFor[i] ?? [])].every((j) => done.has(j));
  // Each pass takes the first ready operation in request order, so independent ones keep their order;
  // `first` skips the prefix already run, so a request without forward references is one pass.
  for (let first = 0; ; ) {
    while (done.has(first)) first++;
    let next = first;
    while (next < operations.length && !ready(next)) next++;
    if (next >= operations.length) break;
    done.add(next);
    order.push(next);
  }
  const circular = operations.flatMap((_, i) => (done.has(i) ? [] : [i]));
  return { order, circular };
}
