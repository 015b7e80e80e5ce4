import { endOfLocalDay, isoWeekdayOf, requireDateOnly, requireTimeZone } from './calendar.rules.js';
import {
  dateOfDayNumber,
  dayNumberOf,
  dayNumberOfParts,
  daysInMonth,
  isoWeekdayOfDayNumber,
  partsOfDayNumber,
  zoneDays,
} from './calendar.internal.js';
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
  return ordinalOfDayOfMonth(partsOfDayNumber(dayNumberOf(requireDateOnly(anchorDate, 'anchorDate'))).day);
}

function ordinalOfDayOfMonth(dayOfMonth: number): number {
  const ordinal = Math.ceil(dayOfMonth / 7);
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

// The visit math runs on day numbers (days since 1970-01-01): the routing of
// every new Issue, the crews' next visits and the demo seed ask it thousands of times.

// The MONTHLY visit of a month (1–12): its `ordinal` `weekday`, or its last one for -1.
function monthlyVisitInMonth(year: number, month: number, weekday: number, ordinal: number): number {
  if (ordinal === -1) {
    const last = dayNumberOfParts(year, month, daysInMonth(year, month));
    return last - ((isoWeekdayOfDayNumber(last) - weekday + 7) % 7);
  }
  const first = dayNumberOfParts(year, month, 1);
  return first + ((weekday - isoWeekdayOfDayNumber(first) + 7) % 7) + 7 * (ordinal - 1);
}

// First visit on or after the day `day`; schedule already validated.
function firstVisitOnOrAfter(schedule: VisitSchedule, day: number): number {
  switch (schedule.cadence) {
    case 'WEEKLY':
      return day + ((schedule.weekday - isoWeekdayOfDayNumber(day) + 7) % 7);
    case 'BIWEEKLY': {
      const sinceAnchor = day - dayNumberOf(schedule.anchorDate);
      return day + (((-sinceAnchor % 14) + 14) % 14);
    }
    case 'MONTHLY': {
      const ordinal = ordinalOfDayOfMonth(partsOfDayNumber(dayNumberOf(schedule.anchorDate)).day);
      const { year, month } = partsOfDayNumber(day);
      const thisMonth = monthlyVisitInMonth(year, month, schedule.weekday, ordinal);
      if (thisMonth >= day) return thisMonth;
      // The 1st–4th weekday or the last one is never past the month's end, so next month's is after `day`.
      return month === 12
        ? monthlyVisitInMonth(year + 1, 1, schedule.weekday, ordinal)
        : monthlyVisitInMonth(year, month + 1, schedule.weekday, ordinal);
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
  const instant = after.getTime();
  if (Number.isNaN(instant)) throw badInput('after', 'must be a valid date and time');
  return dateOfDayNumber(firstVisitOnOrAfter(schedule, zoneDays(requireTimeZone(timeZone)).dayOf(instant) + 1));
}

/** The end of a visit day — 23:59:59.999 company-local — as an instant; a ROUTINE Issue is due then. */
export function visitEnd(date: string, timeZone: string): Date {
  return endOfLocalDay(date, timeZone);
}
