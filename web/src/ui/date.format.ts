import { companyToday, daysBetweenDates, localDateOf } from '@groundwork/shared';

// Two kinds of time reach the web: LocalDate ("YYYY-MM-DD", a calendar day with
// no zone — contract and renewal dates, visit dates) and DateTimeISO (an
// instant). Calendar days are formatted as UTC midnights so that no time zone
// can shift them by a day. "Today", and how many days until or since a date,
// are the company's days: counted with @groundwork/shared's companyToday /
// daysUntilDate / daysSinceDate in the company's zone, as the server counts them.

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function localDateToUtcMs(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const dateFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Mar 1, 2026" for a calendar day; an em dash when absent. */
export function formatLocalDate(date: string | null | undefined): string {
  return date ? dateFormat.format(localDateToUtcMs(date)) : '—';
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mar 1, 2026, 2:05 PM" in the company's zone (so a due time reads as the crews' clock); an em dash when absent. */
export function formatDateTime(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '—';
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });

/** "today", "tomorrow", "in 45 days", "12 days ago" for a day offset. */
export function formatDayOffset(days: number): string {
  return relative.format(days, 'day');
}

/**
 * "3 hours ago", "yesterday", "5 months ago" — the largest unit that still
 * reads naturally. Past days are counted on the company's calendar so
 * "yesterday" means the previous company day, not 24 hours.
 */
export function formatRelativeTime(instant: string | null | undefined, now: Date, timeZone: string): string {
  if (!instant) return '—';
  const then = new Date(instant);
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  const days = daysBetweenDates(companyToday(now, timeZone), localDateOf(then, timeZone));
  if (days === 0) return relative.format(Math.round(seconds / 3600), 'hour');
  if (Math.abs(days) < 30) return relative.format(days, 'day');
  if (Math.abs(days) < 365) return relative.format(Math.round(days / 30.44), 'month');
  return relative.format(Math.round(days / 365.25), 'year');
}
