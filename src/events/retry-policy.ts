import type { WebhookSettings } from '../config.ts';
import type { ClaimedDelivery, DeliveryOutcome } from '../store/port.ts';
import type { Attempt } from './deliver.ts';

/**
 * Exponential backoff with jitter: the n-th retry waits backoffMs × 4^(n-1), at most maxBackoffMs,
 * scaled by a random 0.8–1.2 so that endpoints that failed together do not retry together.
 */
export function retryDelay(attemptsBefore: number, settings: WebhookSettings, random = Math.random): number {
  const base = Math.min(settings.backoffMs * 4 ** attemptsBefore, settings.maxBackoffMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** What an attempt means for its delivery: done, another try later, or given up on after the last. */
export function outcomeOf(
  delivery: ClaimedDelivery,
  attempt: Attempt,
  settings: WebhookSettings,
  now: number,
): Exclude<DeliveryOutcome, { kind: 'released' }> {
  const at = new Date(now).toISOString();
  if (attempt.ok) return { kind: 'delivered', at, status: attempt.status };
  const { status, error } = attempt;
  if (delivery.attempts + 1 >= settings.maxAttempts) return { kind: 'failed', at, status, error };
  const nextAttemptAt = new Date(now + retryDelay(delivery.attempts, settings)).toISOString();
  return { kind: 'retry', at, status, error, nextAttemptAt };
}
