import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VerifiedCache } from '../../../src/auth/verified-cache.ts';

test('a verified pair is remembered until the TTL after its last use, by a hash of all its parts', () => {
  const cache = new VerifiedCache(1000, 10);
  const key = VerifiedCache.key('acme', 'id', '$argon2id$…', 'secret');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.ok(!key.includes('secret'));
  assert.notEqual(key, VerifiedCache.key('acme', 'id', '$argon2id$…', 'secreT'));
  assert.notEqual(VerifiedCache.key('ab', 'c'), VerifiedCache.key('a', 'bc'), 'parts are delimited');
  cache.add(key, 0);
  assert.ok(cache.has(key, 999));
  assert.ok(cache.has(key, 1998), 'the use at 999 kept it');
  assert.ok(!cache.has(key, 2998));
});

test('the cache is bounded: the least recently used entry goes first', () => {
  const cache = new VerifiedCache(1000, 3);
  for (const k of ['a', 'b', 'c']) cache.add(k, 0);
  assert.ok(cache.has('a', 1));
  cache.add('d', 1);
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((k) => cache.has(k, 2)),
    [true, false, true, true],
  );
});
