/** An instant at any sub-second precision: whole seconds since the epoch plus the fraction's digits. */
export interface Instant {
  readonly seconds: number;
  /** Fractional-second digits without trailing zeros, so digit strings order like the fractions. */
  readonly fraction: string;
}

/**
 * xsd:dateTime (RFC 7643 §2.3.5), restricted to four-digit years. A value without a zone offset is
 * read as UTC rather than the server's local time, so results never depend on the host.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))?$/;

export function parseDateTime(text: string): Instant | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const part = (i: number) => Number(match[i] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const [offsetHours, offsetMinutes] = [part(9), part(10)];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second);
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60;
  return { seconds: date.getTime() / 1000 - offset, fraction: (match[7] ?? '').replace(/0+$/, '') };
}

/** Negative, zero or positive as `a` is earlier than, the same instant as, or later than `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  if (a.fraction === b.fraction) return 0;
  return a.fraction < b.fraction ? -1 : 1;
}
