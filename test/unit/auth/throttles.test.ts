import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FailureThrottle } from '../../../src/http/throttle/failure-throttle.ts';
import { TokenBuckets } from '../../../src/http/throttle/token-bucket.ts';

test('token buckets: a burst, then the sustained rate; each key has its own bucket', () => {
  const buckets = new TokenBuckets(10, 3);
  assert.deepEqual(
    [0, 0, 0, 0].map(() => buckets.take('a', 0)),
    [0, 0, 0, 1],
  );
  assert.equal(buckets.take('b', 0), 0, 'another tenant is untouched');
  assert.equal(buckets.take('a', 100), 0, 'a tenth of a second refills one token at 10/s');
  assert.equal(buckets.take('a', 100), 1);
  assert.equal(new TokenBuckets(0, 0).take('a', 0), 0, 'rate 0 turns the limit off');
});

test('failure throttle: an attacker at one address never locks the account for other addresses', () => {
  const throttle = new FailureThrottle({ perIp: 100, perAccount: 3, windowSeconds: 60 });
  for (let i = 0; i < 3; i++) throttle.failed('10.0.0.66', 'acme\0alice', 0);
  assert.equal(throttle.retryAfter('10.0.0.66', 'acme\0alice', 1000), 59);
  assert.equal(throttle.retryAfter('10.0.0.7', 'acme\0alice', 1000), 0, 'the IdP at its own address goes on');
  assert.equal(throttle.retryAfter('10.0.0.66', 'acme\0bob', 1000), 0);
  assert.equal(throttle.retryAfter('10.0.0.66', 'acme\0alice', 60_000), 0, 'the window ends');
});

test('failure throttle: a success clears the account count, not the address count', () => {
  const throttle = new FailureThrottle({ perIp: 3, perAccount: 2, windowSeconds: 60 });
  throttle.failed('ip', 'u', 0);
  throttle.succeeded('ip', 'u');
  throttle.failed('ip', 'u', 0);
  assert.equal(throttle.retryAfter('ip', 'u', 0), 0);
  throttle.failed('ip', undefined, 0);
  assert.ok(throttle.retryAfter('ip', undefined, 0) > 0, 'three failures from the address');
});
