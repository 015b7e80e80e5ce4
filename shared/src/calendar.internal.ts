// Not re-exported from index.ts: the raw, unvalidated building blocks of the
// calendar and schedule rules. Callers must have validated dates and zones first.
//
// Dates are day numbers (days since 1970-01-01) and instants epoch milliseconds:
// plain numbers are fast (schedule, health and seed math ask tens of thousands of
// times) and never touch the Date class, so a page whose Date is replaced (a
// test's fake clock) counts the same. The only time-zone work is asking Intl for
// a zone's UTC offset, done at most a few times per day and zone and remembered.

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; `day` may run past the month). */
export function dayNumberOfParts(year: number, month: number, day: number): number {
  // H. Hinnant's days_from_civil: years counted from March, so the leap day ends a year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The year, month (1–12) and day of a day number. */
export function partsOfDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1,
  };
}

/** Days since 1970-01-01 of a validated 'YYYY-MM-DD'. */
export function dayNumberOf(date: string): number {
  return dayNumberOfParts(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
}

// The number written by the digits of `text` from `from` to `to` (exclusive); NaN if any is not a digit.
// Character codes, not Number(slice): the calendar reads dates in its innermost loops.
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** The day number of `value` if it is a real calendar date written 'YYYY-MM-DD' (not 2025-02-30), else NaN. */
export function parseDayNumber(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  return dayNumberOfParts(year, month, day);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  const { year, month, day } = partsOfDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Remembered answers per zone are capped so a long-running server cannot grow them without end
// (50 000 days is 137 years: in practice never reached).
const MAX_REMEMBERED_DAYS = 50_000;

/**
 * One time zone's local days, from its UTC offsets. A zone changes offset a few
 * times a year at most, so the offset at the start of each UTC day is asked once
 * and remembered; an instant on a day whose two ends have the same offset needs
 * no further time-zone work (the one assumption: a zone never changes offset and
 * back within one UTC day).
 */
export class ZoneDays {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day number → the zone's offset (local minus UTC, ms) at its first instant. */
  private readonly utcDayOffsets = new Map<number, number>();
  /** Local day number → its first instant (epoch ms). */
  private readonly starts = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's offset at an instant: local wall time minus UTC, in ms (whole seconds). */
  offsetAt(instant: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(instant)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
      }
    }
    const wall = dayNumberOfParts(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
    return wall - (instant - (((instant % 1000) + 1000) % 1000));
  }

  private offsetOfUtcDay(utcDay: number): number {
    let offset = this.utcDayOffsets.get(utcDay);
    if (offset === undefined) {
      offset = this.offsetAt(utcDay * DAY_MS);
      if (this.utcDayOffsets.size >= MAX_REMEMBERED_DAYS) this.utcDayOffsets.clear();
      this.utcDayOffsets.set(utcDay, offset);
    }
    return offset;
  }

  /** The local day number on which an instant falls. */
  dayOf(instant: number): number {
    const utcDay = Math.floor(instant / DAY_MS);
    const offset = this.offsetOfUtcDay(utcDay);
    // The offset changes during this UTC day (a few days a year): ask for this instant.
    const exact = offset === this.offsetOfUtcDay(utcDay + 1) ? offset : this.offsetAt(instant);
    return Math.floor((instant + exact) / DAY_MS);
  }

  /**
   * The first instant of a local day: local midnight, or, where the clocks skip
   * midnight (a DST change at 00:00), the instant the day begins after the jump.
   * Where midnight happens twice (clocks set back to 00:00), the first.
   */
  startOf(localDay: number): number {
    let start = this.starts.get(localDay);
    if (start !== undefined) return start;
    const midnight = localDay * DAY_MS;
    // The instants at which local midnight happens under the offsets in force a day before and a day after.
    const candidates = [midnight - this.offsetOfUtcDay(localDay - 1), midnight - this.offsetOfUtcDay(localDay + 1)];
    candidates.sort((a, b) => a - b);
    start = candidates.find((t) => t + this.offsetAt(t) === midnight);
    if (start === undefined) {
      // Midnight is skipped: the day begins at the change, the first second whose wall time is at
      // or past midnight (wall time only rises between the two candidates).
      let lo = Math.floor(candidates[0]! / 1000);
      let hi = Math.ceil(candidates[1]! / 1000);
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (mid * 1000 + this.offsetAt(mid * 1000) >= midnight) hi = mid;
        else lo = mid + 1;
      }
      start = lo * 1000;
    }
    if (this.starts.size >= MAX_REMEMBERED_DAYS) this.starts.clear();
    this.starts.set(localDay, start);
    return start;
  }
}

const zones = new Map<string, ZoneDays>();

/** The remembered local days of a validated time zone. */
export function zoneDays(timeZone: string): ZoneDays {
  let days = zones.get(timeZone);
  if (!days) {
    days = new ZoneDays(timeZone);
    // A bounded cache: a caller cycling through zones cannot grow it without end.
    if (zones.size >= 100) zones.clear();
    zones.set(timeZone, days);
  }
  return days;
}
