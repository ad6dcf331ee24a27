import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Caller, FailureThrottle } from '../../../src/http/throttle/failure-throttle.ts';
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

test('token buckets: peek tells the wait without taking a token', () => {
  const buckets = new TokenBuckets(10, 2);
  assert.equal(buckets.peek('a', 0), 0);
  assert.deepEqual([buckets.take('a', 0), buckets.take('a', 0)], [0, 0], 'peeking took nothing');
  assert.equal(buckets.peek('a', 0), 1, 'empty: wait');
  assert.equal(buckets.peek('a', 100), 0, 'refilled');
  assert.equal(buckets.peek('unknown', 0), 0);
});

const at = (ip: string, tenant: string, account?: string): Caller => ({ ip, tenant, account });
const limits = { perAddress: 100, perAccount: 3, windowSeconds: 60, maxCounters: 1000 };

test('failure throttle: an attacker at one address never locks the account for other addresses', () => {
  const throttle = new FailureThrottle(limits);
  for (let i = 0; i < 3; i++) throttle.failed(at('10.0.0.66', 'acme', 'alice'), 0);
  assert.equal(throttle.retryAfter(at('10.0.0.66', 'acme', 'alice'), 1000), 59);
  assert.equal(
    throttle.retryAfter(at('10.0.0.7', 'acme', 'alice'), 1000),
    0,
    'the IdP at its own address goes on',
  );
  assert.equal(throttle.retryAfter(at('10.0.0.66', 'acme', 'bob'), 1000), 0);
  assert.equal(throttle.retryAfter(at('10.0.0.66', 'acme', 'alice'), 60_000), 0, 'the window ends');
});

test('failure throttle: an address over its budget on one tenant is not over it on another', () => {
  const throttle = new FailureThrottle({ ...limits, perAddress: 2 });
  throttle.failed(at('nat', 'acme'), 0);
  throttle.failed(at('nat', 'acme'), 0);
  assert.ok(throttle.retryAfter(at('nat', 'acme'), 0) > 0);
  assert.equal(throttle.retryAfter(at('nat', 'globex'), 0), 0, 'the other tenant behind the same NAT');
  assert.equal(throttle.retryAfter(at('elsewhere', 'acme'), 0), 0);
});

test('failure throttle: a success clears the account count, not the address count', () => {
  const throttle = new FailureThrottle({ ...limits, perAddress: 3, perAccount: 2 });
  throttle.failed(at('ip', 't', 'u'), 0);
  throttle.succeeded(at('ip', 't', 'u'));
  throttle.failed(at('ip', 't', 'u'), 0);
  assert.equal(throttle.retryAfter(at('ip', 't', 'u'), 0), 0);
  throttle.failed(at('ip', 't'), 0);
  assert.ok(throttle.retryAfter(at('ip', 't'), 0) > 0, 'three failures from the address');
});

test('failure throttle: memory is bounded, and the least recently failed counter goes first', () => {
  const throttle = new FailureThrottle({ ...limits, perAddress: 1, maxCounters: 2 });
  throttle.failed(at('a', 't'), 0);
  throttle.failed(at('b', 't'), 0);
  throttle.failed(at('a', 't'), 0); // a failed again: b is now the least recent
  throttle.failed(at('c', 't'), 0);
  assert.deepEqual(
    ['a', 'b', 'c'].map((ip) => throttle.retryAfter(at(ip, 't'), 0) > 0),
    [true, false, true],
  );
});
