import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULTS } from '../../../src/config.ts';
import { outcomeOf, retryDelay } from '../../../src/events/retry-policy.ts';
import type { ClaimedDelivery, TenantId } from '../../../src/store/port.ts';

const settings = DEFAULTS.webhooks;
const delivery = (attempts: number): ClaimedDelivery => ({
  tenant: 't' as TenantId,
  endpointId: 'e',
  eventSeq: 1,
  attempts,
  url: 'http://127.0.0.1/',
  secret: 'whsec_AA==',
  eventId: 'ev',
  payload: '{}',
});

test('retries wait four times longer each time, up to the cap, within ±20 % jitter', () => {
  const middle = () => 0.5;
  assert.deepEqual(
    [0, 1, 2, 3].map((n) => retryDelay(n, settings, middle)),
    [10_000, 40_000, 160_000, 640_000],
  );
  assert.equal(retryDelay(20, settings, middle), settings.maxBackoffMs);
  assert.equal(
    retryDelay(0, settings, () => 0),
    8_000,
  );
  assert.equal(
    retryDelay(0, settings, () => 1),
    12_000,
  );
  const total = Array.from({ length: settings.maxAttempts - 1 }, (_, n) => retryDelay(n, settings, middle));
  const days = total.reduce((a, b) => a + b, 0) / 86_400_000;
  assert.ok(days > 2 && days < 5, `the schedule spans ${days.toFixed(1)} days`);
});

test('a 2xx is delivered; a failure retries until the last attempt, which marks it failed', () => {
  const now = Date.UTC(2030, 0, 1);
  assert.equal(outcomeOf(delivery(0), { ok: true, status: 204 }, settings, now).kind, 'delivered');
  const failure = { ok: false, status: 500, error: 'HTTP 500' } as const;
  const retry = outcomeOf(delivery(0), failure, settings, now);
  assert.equal(retry.kind, 'retry');
  assert.ok(retry.kind === 'retry' && Date.parse(retry.nextAttemptAt) - now >= 8_000);
  assert.equal(outcomeOf(delivery(settings.maxAttempts - 2), failure, settings, now).kind, 'retry');
  assert.deepEqual(outcomeOf(delivery(settings.maxAttempts - 1), failure, settings, now), {
    kind: 'failed',
    at: new Date(now).toISOString(),
    status: 500,
    error: 'HTTP 500',
  });
});
