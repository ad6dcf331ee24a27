import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULTS, parseConfig } from '../../src/config.ts';

test('webhook settings come from SCIMITAR_WEBHOOK_*, with defaults, and refuse what cannot work', () => {
  assert.deepEqual(parseConfig({}, {}).webhooks, DEFAULTS.webhooks);
  const fast = parseConfig(
    {},
    {
      SCIMITAR_WEBHOOK_POLL_MS: '20',
      SCIMITAR_WEBHOOK_LEASE_MS: '5000',
      SCIMITAR_WEBHOOK_TIMEOUT_MS: '2000',
    },
  );
  assert.equal(fast.webhooks.pollMs, 20);
  assert.equal(fast.webhooks.leaseMs, 5000);
  assert.throws(() => parseConfig({}, { SCIMITAR_WEBHOOK_BATCH: '0' }), /SCIMITAR_WEBHOOK_BATCH/);
  assert.throws(() => parseConfig({}, { SCIMITAR_WEBHOOK_POLL_MS: 'soon' }), /SCIMITAR_WEBHOOK_POLL_MS/);
  // A delivery must be able to finish within the lease that covers it.
  assert.throws(() => parseConfig({}, { SCIMITAR_WEBHOOK_LEASE_MS: '1000' }), /shorter than/);
});

test('the request deadline comes from SCIMITAR_REQUEST_DEADLINE_MS; receiving a request gets a third of it', () => {
  assert.equal(parseConfig({}, {}).requestDeadlineMs, 30_000);
  assert.equal(parseConfig({}, {}).requestTimeoutMs, 10_000);
  const short = parseConfig({}, { SCIMITAR_REQUEST_DEADLINE_MS: '9000' });
  assert.equal(short.requestDeadlineMs, 9000);
  assert.equal(short.requestTimeoutMs, 3000);
  assert.throws(() => parseConfig({}, { SCIMITAR_REQUEST_DEADLINE_MS: '0' }), /SCIMITAR_REQUEST_DEADLINE_MS/);
});
