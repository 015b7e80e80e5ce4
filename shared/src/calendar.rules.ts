import { dateOfDayNumber, isoWeekdayOfDayNumber, parseDayNumber, zoneDays } from './calendar.internal.js';
import { badInput } from './errors.js';

// Calendar dates ('YYYY-MM-DD') are zone-less: a visit "on 2025-06-10" is that
// day wherever the company is. They are counted as day numbers, so neither the
// server's nor the browser's own time zone (or its DST shifts) can move a day.
// Only turning an instant into a local day, or a local day into instants,
// needs the company time zone.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isDateOnly(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseDayNumber(value));
}

/** Returns `value` if it is a real 'YYYY-MM-DD' date, else throws BAD_USER_INPUT naming the field. */
export function requireDateOnly(value: unknown, field: string): string {
  if (!isDateOnly(value)) throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  return value;
}

// The day number of a date, checked as requireDateOnly checks it (one parse, not two).
function requireDayNumber(value: string, field: string): number {
  const day = typeof value === 'string' ? parseDayNumber(value) : NaN;
  if (Number.isNaN(day)) throw badInput(field, 'must be a calendar date written YYYY-MM-DD');
  return day;
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
  return dateOfDayNumber(zoneDays(requireTimeZone(timeZone)).dayOf(instant.getTime()));
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDaysToDate(date: string, days: number): string {
  return dateOfDayNumber(requireDayNumber(date, 'date') + days);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  return isoWeekdayOfDayNumber(requireDayNumber(date, 'date'));
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetweenDates(from: string, to: string): number {
  return requireDayNumber(to, 'to') - requireDayNumber(from, 'from');
}

// "Today" and "how many days until / since" are the company's local days
// (COMPANY_TIME_ZONE), never the server's or the browser's: one definition, so
// a renewal "in 60 days" reads the same on every screen and in every score,
// at any hour. Between 17:00 and 24:00 in Denver the UTC day is already
// tomorrow; counting from it was off by one for seven hours a day.

/** The company's calendar day at `now`: its local date in `timeZone`. */
export function companyToday(now: Date, timeZone: string): string {
  return localDateOf(now, timeZone);
}

/** Whole company days from today until `date` (0 today, negative once it has passed). */
export function daysUntilDate(date: string, now: Date, timeZone: string): number {
  return daysBetweenDates(companyToday(now, timeZone), date);
}

/**
 * Whole company days since `dateOrInstant`: a calendar date ('YYYY-MM-DD') or
 * an ISO instant, which counts from the company day it fell on (an Issue
 * reported at 23:30 Denver time was reported on that day, not the next UTC one).
 */
export function daysSinceDate(dateOrInstant: string | Date, now: Date, timeZone: string): number {
  const day =
    typeof dateOrInstant === 'string' && DATE_ONLY.test(dateOrInstant)
      ? dateOrInstant
      : localDateOf(dateOrInstant instanceof Date ? dateOrInstant : new Date(dateOrInstant), timeZone);
  return daysBetweenDates(day, companyToday(now, timeZone));
}

/**
 * The first instant of the local day `date` in `timeZone`: local midnight, or
 * where a DST change skips midnight, the instant the day begins.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const day = requireDayNumber(date, 'date');
  return new Date(zoneDays(requireTimeZone(timeZone)).startOf(day));
}

/** The last millisecond of the day `date` in `timeZone` (23:59:59.999 local on an ordinary day). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const day = requireDayNumber(date, 'date');
  return new Date(zoneDays(requireTimeZone(timeZone)).startOf(day + 1) - 1);
}
