import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executionOrder, referencesOf, substitute } from '../../../../src/scim/bulk/bulk-references.ts';

const op = (bulkId: string | undefined, ...refs: string[]) => ({ bulkId, refs: new Set(refs) });

test('references are found at any depth and replaced without touching the input', () => {
  const data = { members: [{ value: 'bulkId:a' }, { value: 'plain' }], manager: { value: 'bulkId:b' } };
  assert.deepEqual([...referencesOf(data)].sort(), ['a', 'b']);
  const replaced = substitute(data, new Map([['a', 'id-a']]));
  assert.deepEqual(replaced, {
    members: [{ value: 'id-a' }, { value: 'plain' }],
    manager: { value: 'bulkId:b' },
  });
  assert.equal(data.members[0]?.value, 'bulkId:a');
  assert.deepEqual([...referencesOf('xbulkId:a')], []);
});

test('execution order: request order, except that an operation runs after what it refers to', () => {
  const cases: [string, ReturnType<typeof op>[], number[], number[]][] = [
    ['no references', [op('a'), op('b'), op(undefined)], [0, 1, 2], []],
    ['a forward reference', [op('g', 'u'), op('u'), op('v')], [1, 0, 2], []],
    ['a chain backwards', [op('c', 'b'), op('b', 'a'), op('a')], [2, 1, 0], []],
    ['unknown names do not hold an operation back', [op('g', 'nobody'), op('u')], [0, 1], []],
    ['a cycle and what waits on it', [op('a', 'b'), op('b', 'a'), op('c'), op('d', 'a')], [2], [0, 1, 3]],
    ['a self reference', [op('s', 's'), op('t')], [1], [0]],
  ];
  for (const [name, ops, order, circular] of cases)
    assert.deepEqual(executionOrder(ops), { order, circular }, name);
});
