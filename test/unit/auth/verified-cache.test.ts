import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VerifiedCache } from '../../../src/auth/verified-cache.ts';

test('a verified pair is remembered for the TTL only, by a hash of all its parts', () => {
  const cache = new VerifiedCache(1000, 10);
  const key = VerifiedCache.key('acme', 'id', '$argon2id$…', 'secret');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.ok(!key.includes('secret'));
  assert.notEqual(key, VerifiedCache.key('acme', 'id', '$argon2id$…', 'secreT'));
  assert.notEqual(VerifiedCache.key('ab', 'c'), VerifiedCache.key('a', 'bc'), 'parts are delimited');
  cache.add(key, 0);
  assert.ok(cache.has(key, 999));
  assert.ok(!cache.has(key, 1000));
});

test('the cache is bounded: the oldest entry goes first', () => {
  const cache = new VerifiedCache(1000, 3);
  for (const k of ['a', 'b', 'c', 'd']) cache.add(k, 0);
  assert.deepEqual(
    ['a', 'b', 'c', 'd'].map((k) => cache.has(k, 1)),
    [false, true, true, true],
  );
});
