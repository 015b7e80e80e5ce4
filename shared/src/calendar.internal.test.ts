import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  dateOfDayNumber,
  dayNumberOf,
  dayNumberOfParts,
  daysInMonth,
  isoWeekdayOfDayNumber,
  partsOfDayNumber,
  zoneDays,
} from './calendar.internal.js';

describe('day numbers', () => {
  it('count days from 1970-01-01 as Date.UTC does, across leap days and centuries', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('1969-12-31')).toBe(-1);
    expect(dayNumberOf('2025-03-09')).toBe(Date.UTC(2025, 2, 9) / DAY_MS);
    // Every day from 1899 to 2101 (1900 and 2100 are not leap years, 2000 is) round-trips.
    for (let n = Date.UTC(1899, 0, 1) / DAY_MS; n <= Date.UTC(2101, 11, 31) / DAY_MS; n++) {
      const iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
      expect(dateOfDayNumber(n)).toBe(iso);
      expect(dayNumberOf(iso)).toBe(n);
    }
  });

  it('split into year, month and day, and let a day run past the month', () => {
    expect(partsOfDayNumber(dayNumberOf('2024-02-29'))).toEqual({ year: 2024, month: 2, day: 29 });
    expect(dateOfDayNumber(dayNumberOfParts(2025, 2, 29))).toBe('2025-03-01');
    expect(dateOfDayNumber(dayNumberOfParts(2025, 12, 32))).toBe('2026-01-01');
  });

  it('give ISO weekdays, before 1970 too', () => {
    expect(isoWeekdayOfDayNumber(0)).toBe(4); // Thursday 1 January 1970
    expect(isoWeekdayOfDayNumber(dayNumberOf('2025-06-09'))).toBe(1);
    expect(isoWeekdayOfDayNumber(dayNumberOf('2025-06-15'))).toBe(7);
    expect(isoWeekdayOfDayNumber(dayNumberOf('1969-12-28'))).toBe(7);
  });

  it('know month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});

describe('ZoneDays', () => {
  it("reads a zone's offset at an instant, half and quarter hours included", () => {
    const t = Date.UTC(2025, 0, 14, 12);
    expect(zoneDays('America/Chicago').offsetAt(t)).toBe(-6 * 3_600_000);
    expect(zoneDays('Asia/Kolkata').offsetAt(t)).toBe(5.5 * 3_600_000);
    expect(zoneDays('Asia/Kathmandu').offsetAt(t)).toBe(5.75 * 3_600_000);
    // Milliseconds do not shift the offset.
    expect(zoneDays('America/Chicago').offsetAt(t + 999)).toBe(-6 * 3_600_000);
  });

  it('agrees with Intl on the local day of instants around every change of offset', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const timeZone of ['America/Denver', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham']) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const days = zoneDays(timeZone);
      // Every 7 minutes for two years: crosses each zone's DST changes at every minute-of-hour phase.
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 60_000 + 13) {
        checked++;
        if (dateOfDayNumber(days.dayOf(t)) !== intl.format(t)) wrong.push(`${timeZone} ${new Date(t).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(4 * 150_167);
  });
});
