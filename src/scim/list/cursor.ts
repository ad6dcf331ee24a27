import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors/app-error.ts';

/** How long a cursor stays good after it was issued (RFC 9865 `cursorTimeout`); each page issues a fresh one. */
export const CURSOR_TIMEOUT_SECONDS = 3600;

/** A sort key as the database returns it: text, a number, or null where the resource has no value. */
export type SortValue = string | number | null;

/**
 * Where a cursor walk stands: just after the row with this insertion sequence and, when the list is
 * sorted, this sort key. Rows are ordered by (key, seq), so the next page is "after this pair" and costs
 * what the first page costs, whatever was inserted or deleted meanwhile.
 */
export type Position =
  | { readonly sorted: false; readonly seq: number }
  | { readonly sorted: true; readonly key: SortValue; readonly seq: number };

/** What a cursor is only good for: the same tenant, resource type, filter and sort as the page that issued it. */
export interface CursorBinding {
  readonly tenant: string;
  readonly resourceType: string;
  readonly filter: string | undefined;
  readonly sortBy: string | undefined;
  readonly descending: boolean;
}

interface Payload {
  /** [seq] or [key, seq]. */
  readonly p: [number] | [SortValue, number];
  /** Issued at, seconds since the epoch. */
  readonly t: number;
}

const MAC_BYTES = 16;

function mac(key: string, payload: string, binding: CursorBinding): Buffer {
  const bound = JSON.stringify([
    binding.tenant,
    binding.resourceType,
    binding.filter ?? null,
    binding.sortBy ?? null,
    binding.descending,
  ]);
  return createHmac('sha256', key).update(`${payload}\n${bound}`).digest().subarray(0, MAC_BYTES);
}

/** The opaque `nextCursor`: base64url of the position and issue time, then an HMAC over them and the binding. */
export function sealCursor(key: string, now: Date, position: Position, binding: CursorBinding): string {
  const payload: Payload = {
    p: position.sorted ? [position.key, position.seq] : [position.seq],
    t: Math.floor(now.getTime() / 1000),
  };
  const text = JSON.stringify(payload);
  return `${Buffer.from(text).toString('base64url')}.${mac(key, text, binding).toString('base64url')}`;
}

const invalid = () =>
  new AppError(
    'invalidCursor',
    'the cursor is not one this server issued for this query; start again with cursor=',
  );

/**
 * The position a cursor stands for. A cursor that is malformed, altered, or issued for another tenant,
 * resource type, filter or sort is `invalidCursor`; one older than the timeout is `expiredCursor`.
 */
export function openCursor(key: string, now: Date, cursor: string, binding: CursorBinding): Position {
  const [body, tag, extra] = cursor.split('.');
  if (body === undefined || tag === undefined || extra !== undefined) throw invalid();
  const text = Buffer.from(body, 'base64url').toString();
  const given = Buffer.from(tag, 'base64url');
  const expected = mac(key, text, binding);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  // Authentic from here on: this server wrote the payload for this very binding, so its shape is ours.
  const { p, t } = JSON.parse(text) as Payload;
  if (now.getTime() / 1000 - t > CURSOR_TIMEOUT_SECONDS) {
    throw new AppError('expiredCursor', 'the cursor has expired; start again with cursor=');
  }
  return p.length === 2 ? { sorted: true, key: p[0], seq: p[1] } : { sorted: false, seq: p[0] };
}

/** The cursors of one request: opened and sealed with the server's key, at the request's time. */
export function cursorCodec(key: string, now: Date) {
  return {
    open: (cursor: string, binding: CursorBinding) => openCursor(key, now, cursor, binding),
    seal: (position: Position, binding: CursorBinding) => sealCursor(key, now, position, binding),
  };
}
