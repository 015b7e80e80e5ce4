import { tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, endOfDay, format, getISODay, startOfDay } from 'date-fns';
import { fromUtcDay, toUtcDay, toZonedDay } from './calendar.internal.js';
import { badInput } from './errors.js';

// Calendar dates ('YYYY-MM-DD') are zone-less: a visit "on 2025-06-10" is that
// day wherever the company is. They are computed on TZDates pinned to UTC so
// neither the server's nor the browser's own time zone (or its DST shifts)
// can move a day. Only turning an instant into a local day, or a local day
// into instants, needs the company time zone.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const day = toUtcDay(value);
  return !Number.isNaN(day.getTime()) && fromUtcDay(day) === value;
}

/** Returns `value` if it is a real 'YYYY-MM-DD' date, else throws BAD_USER_INPUT naming the field. */
export function requireDateOnly(value: unknown, field: string): string {
  if (!isDateOnly(value)) throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  return value;
}

/** Whether the runtime knows this IANA time zone (or UTC offset). */
export function isValidTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() === '') return false;
  // Building an Intl formatter costs milliseconds; schedule math asks for the same zone thousands of times.
  const known = timeZoneValidity.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    valid = true;
  } catch {
    valid = false;
  }
  if (timeZoneValidity.size < 1000) timeZoneValidity.set(value, valid);
  return valid;
}

const timeZoneValidity = new Map<string, boolean>();

/** Returns `value` if it is a known time zone, else throws BAD_USER_INPUT naming the field. */
export function requireTimeZone(value: unknown, field = 'timeZone'): string {
  if (!isValidTimeZone(value)) throw badInput(field, 'must be an IANA time zone such as America/Chicago');
  return value;
}

/** The calendar date (in `timeZone`) on which `instant` falls. */
export function localDateOf(instant: Date, timeZone: string): string {
  requireTimeZone(timeZone);
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDaysToDate(date: string, days: number): string {
  return fromUtcDay(addDays(toUtcDay(requireDateOnly(date, 'date')), days));
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  return getISODay(toUtcDay(requireDateOnly(date, 'date')));
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetweenDates(from: string, to: string): number {
  return differenceInCalendarDays(toUtcDay(requireDateOnly(to, 'to')), toUtcDay(requireDateOnly(from, 'from')));
}

/** The first instant of the local day `date` in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  requireDateOnly(date, 'date');
  requireTimeZone(timeZone);
  return new Date(startOfDay(toZonedDay(date, timeZone)).getTime());
}

/** The last millisecond (23:59:59.999 local) of the day `date` in `timeZone`. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  requireDateOnly(date, 'date');
  requireTimeZone(timeZone);
  return new Date(endOfDay(toZonedDay(date, timeZone)).getTime());
}
