import { addDays, addMonths, getISODay, lastDayOfMonth, startOfMonth } from 'date-fns';
import {
  addDaysToDate,
  daysBetweenDates,
  endOfLocalDay,
  isoWeekdayOf,
  localDateOf,
  requireDateOnly,
} from './calendar.rules.js';
import { fromUtcDay, toUtcDay } from './calendar.internal.js';
import { VISIT_CADENCES, isOneOf, type VisitCadence } from './enums.js';
import { badInput } from './errors.js';

/**
 * When a crew visits a property for a service line. `anchorDate` is any date
 * on which a visit happens; it fixes the phase of BIWEEKLY schedules and the
 * ordinal weekday of MONTHLY ones. The schedule repeats in both directions
 * from the anchor (it is a phase reference, not a start date).
 */
export type VisitSchedule = {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  cadence: VisitCadence;
  /** 'YYYY-MM-DD', falling on `weekday`. */
  anchorDate: string;
};

/** Longest span `scheduledVisitsBetween` will enumerate, so a bad range cannot spin the server. */
export const MAX_SCHEDULE_RANGE_DAYS = 3660;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Throws BAD_USER_INPUT naming the field unless the schedule is coherent —
 * in particular the anchor must fall on the weekday, or the phase would be
 * ambiguous. Run it when a schedule is written; the visit math below relies
 * on it.
 */
export function validateSchedule(schedule: VisitSchedule): VisitSchedule {
  const { weekday, cadence, anchorDate } = schedule;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw badInput('weekday', 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)');
  }
  if (!isOneOf(VISIT_CADENCES, cadence)) {
    throw badInput('cadence', `must be one of ${VISIT_CADENCES.join(', ')}`);
  }
  requireDateOnly(anchorDate, 'anchorDate');
  if (isoWeekdayOf(anchorDate) !== weekday) {
    throw badInput('anchorDate', `must fall on the schedule's weekday (${WEEKDAY_NAMES[weekday - 1]})`);
  }
  return schedule;
}

/**
 * Which occurrence of its weekday the anchor is within its month: 1–4, or
 * -1 for "last". A 5th weekday becomes "last" because most months have no
 * 5th occurrence, and "last Friday" is what the customer agreed to.
 */
export function monthlyOrdinalOf(anchorDate: string): number {
  const day = Number(requireDateOnly(anchorDate, 'anchorDate').slice(8, 10));
  const ordinal = Math.ceil(day / 7);
  return ordinal === 5 ? -1 : ordinal;
}

/** A short human description, e.g. "Every other Tuesday" or "2nd Tuesday of each month". */
export function describeSchedule(schedule: VisitSchedule): string {
  validateSchedule(schedule);
  const name = WEEKDAY_NAMES[schedule.weekday - 1];
  switch (schedule.cadence) {
    case 'WEEKLY':
      return `Every ${name}`;
    case 'BIWEEKLY':
      return `Every other ${name}`;
    case 'MONTHLY': {
      const ordinal = monthlyOrdinalOf(schedule.anchorDate);
      const word = ordinal === -1 ? 'Last' : ['1st', '2nd', '3rd', '4th'][ordinal - 1];
      return `${word} ${name} of each month`;
    }
  }
}

// The MONTHLY visit in the month containing `dayInMonth`.
function monthlyVisitInMonth(dayInMonth: Date, weekday: number, ordinal: number): Date {
  if (ordinal === -1) {
    const last = lastDayOfMonth(dayInMonth);
    return addDays(last, -((getISODay(last) - weekday + 7) % 7));
  }
  const first = startOfMonth(dayInMonth);
  const firstMatch = addDays(first, (weekday - getISODay(first) + 7) % 7);
  return addDays(firstMatch, 7 * (ordinal - 1));
}

// First visit on or after `date` (both 'YYYY-MM-DD'); schedule already validated.
function firstVisitOnOrAfter(schedule: VisitSchedule, date: string): string {
  switch (schedule.cadence) {
    case 'WEEKLY':
      return addDaysToDate(date, (schedule.weekday - isoWeekdayOf(date) + 7) % 7);
    case 'BIWEEKLY': {
      const sinceAnchor = daysBetweenDates(schedule.anchorDate, date);
      return addDaysToDate(date, ((-sinceAnchor % 14) + 14) % 14);
    }
    case 'MONTHLY': {
      const ordinal = monthlyOrdinalOf(schedule.anchorDate);
      const day = toUtcDay(date);
      const thisMonth = fromUtcDay(monthlyVisitInMonth(day, schedule.weekday, ordinal));
      if (thisMonth >= date) return thisMonth;
      return fromUtcDay(monthlyVisitInMonth(addMonths(startOfMonth(day), 1), schedule.weekday, ordinal));
    }
  }
}

/**
 * The next visit date ('YYYY-MM-DD', company-local) after the instant `after`.
 *
 * Same-day rule: a visit on the same local day as `after` does NOT count; the
 * next visit is the first visit date on or after the day following `after`'s
 * local date. An Issue found on a visit day was most likely found after (or
 * while) the crew was there and its route was already set, so it is due at
 * the crew's following visit — never within hours of being reported.
 */
export function nextVisitDate(schedule: VisitSchedule, after: Date, timeZone: string): string {
  validateSchedule(schedule);
  if (Number.isNaN(after.getTime())) throw badInput('after', 'must be a valid date and time');
  return firstVisitOnOrAfter(schedule, addDaysToDate(localDateOf(after, timeZone), 1));
}

/** The end of a visit day — 23:59:59.999 company-local — as an instant; a ROUTINE Issue is due then. */
export function visitEnd(date: string, timeZone: string): Date {
  return endOfLocalDay(date, timeZone);
}

/**
 * Every visit date from `from` to `to`, both inclusive, in order. Empty when
 * `from` is after `to`; refuses spans over {@link MAX_SCHEDULE_RANGE_DAYS}.
 */
export function scheduledVisitsBetween(schedule: VisitSchedule, from: string, to: string): string[] {
  validateSchedule(schedule);
  requireDateOnly(from, 'from');
  requireDateOnly(to, 'to');
  const span = daysBetweenDates(from, to);
  if (span < 0) return [];
  if (span > MAX_SCHEDULE_RANGE_DAYS) {
    throw badInput('to', `must be at most ${MAX_SCHEDULE_RANGE_DAYS} days after from`);
  }
  const visits: string[] = [];
  for (let visit = firstVisitOnOrAfter(schedule, from); visit <= to;) {
    visits.push(visit);
    visit = firstVisitOnOrAfter(schedule, addDaysToDate(visit, 1));
  }
  return visits;
}
