import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

// Not re-exported from index.ts: the raw, unvalidated building blocks of the
// calendar and schedule rules. Callers must have validated 'YYYY-MM-DD' first.

/** Parses a validated 'YYYY-MM-DD' into a day pinned to UTC, so host-zone DST never shifts it. */
export function toUtcDay(date: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
}

/** Formats a UTC-pinned day back to 'YYYY-MM-DD'. */
export function fromUtcDay(day: Date): string {
  return format(day, 'yyyy-MM-dd');
}

/** A validated 'YYYY-MM-DD' as midnight of that day in `timeZone`. */
export function toZonedDay(date: string, timeZone: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone);
}
