import type { ClaimedDelivery } from '../store/port.ts';
import { signature } from './sign.ts';

export type Attempt =
  | { readonly ok: true; readonly status: number }
  | {
      readonly ok: false;
      readonly status: number | undefined;
      readonly error: string;
    };

/**
 * POSTs one event to its endpoint, signed (Standard Webhooks). Only a 2xx counts: a redirect is not
 * followed, so a 3xx is a failure, as the spec asks. The response body is never read.
 */
export async function postEvent(delivery: ClaimedDelivery, timeoutMs: number): Promise<Attempt> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'scimitar-webhooks',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature(delivery.secret, delivery.eventId, timestamp, delivery.payload),
      },
      body: delivery.payload,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message =
      (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (error as Error).message;
    return { ok: false, status: undefined, error: cause ? `${message} (${cause})` : message };
  }
}
