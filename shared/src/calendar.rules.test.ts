import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  companyToday,
  daysBetweenDates,
  daysSinceDate,
  daysUntilDate,
  endOfLocalDay,
  isDateOnly,
  isValidTimeZone,
  isoWeekdayOf,
  localDateOf,
  requireDateOnly,
  requireTimeZone,
  startOfLocalDay,
} from './calendar.rules.js';

describe('isDateOnly / requireDateOnly', () => {
  it('accepts real dates, including a leap day', () => {
    expect(isDateOnly('2025-06-10')).toBe(true);
    expect(isDateOnly('2024-02-29')).toBe(true);
  });

  it('rejects impossible or badly written dates', () => {
    for (const value of [
      '2025-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-6-10',
      '2025-06-10T00:00:00Z',
      '',
      20250610,
      null,
    ]) {
      expect(isDateOnly(value)).toBe(false);
    }
  });

  it('requireDateOnly names the field', () => {
    expect(requireDateOnly('2025-06-10', 'renewalDate')).toBe('2025-06-10');
    expect(() => requireDateOnly('2025-02-30', 'renewalDate')).toThrow(
      'renewalDate: must be a calendar date written YYYY-MM-DD',
    );
  });
});

describe('time zones', () => {
  it('knows IANA names and refuses nonsense', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(5)).toBe(false);
  });

  it('requireTimeZone throws BAD_USER_INPUT naming the field', () => {
    expect(() => requireTimeZone('Mars/Olympus_Mons')).toThrow(
      'timeZone: must be an IANA time zone such as America/Chicago',
    );
    expect(() => requireTimeZone('nope', 'company.timeZone')).toThrow(/^company\.timeZone: /);
  });
});

describe('localDateOf', () => {
  it('uses the company zone, not UTC', () => {
    // 04:30Z on 9 March is 22:30 on 8 March in Chicago (CST, UTC−6).
    const instant = new Date('2025-03-09T04:30:00Z');
    expect(localDateOf(instant, 'America/Chicago')).toBe('2025-03-08');
    expect(localDateOf(instant, 'UTC')).toBe('2025-03-09');
    // …and 17:30 on 9 March in Auckland (NZDT, UTC+13).
    expect(localDateOf(instant, 'Pacific/Auckland')).toBe('2025-03-09');
  });

  it('refuses an unknown zone', () => {
    expect(() => localDateOf(new Date(), 'Nowhere/Town')).toThrow(/^timeZone: /);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDaysToDate('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDaysToDate('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDaysToDate('2025-03-08', 1)).toBe('2025-03-09'); // US DST starts 9 March: still one day
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(isoWeekdayOf('2025-06-09')).toBe(1);
    expect(isoWeekdayOf('2025-06-10')).toBe(2);
    expect(isoWeekdayOf('2025-06-15')).toBe(7);
  });

  it('counts calendar days between dates', () => {
    expect(daysBetweenDates('2025-06-05', '2025-06-19')).toBe(14);
    expect(daysBetweenDates('2025-06-19', '2025-06-05')).toBe(-14);
    expect(daysBetweenDates('2024-12-31', '2025-12-31')).toBe(365);
    expect(daysBetweenDates('2025-03-01', '2025-03-31')).toBe(30);
  });
});

describe('local day bounds', () => {
  it('ends a summer day at 23:59:59.999 CDT (UTC−5)', () => {
    expect(endOfLocalDay('2025-06-10', 'America/Chicago').toISOString()).toBe('2025-06-11T04:59:59.999Z');
  });

  it('handles the day DST starts (starts in CST, ends in CDT)', () => {
    expect(startOfLocalDay('2025-03-09', 'America/Chicago').toISOString()).toBe('2025-03-09T06:00:00.000Z');
    expect(endOfLocalDay('2025-03-09', 'America/Chicago').toISOString()).toBe('2025-03-10T04:59:59.999Z');
  });

  it('handles the day DST ends (starts in CDT, ends in CST)', () => {
    expect(startOfLocalDay('2025-11-02', 'America/Chicago').toISOString()).toBe('2025-11-02T05:00:00.000Z');
    expect(endOfLocalDay('2025-11-02', 'America/Chicago').toISOString()).toBe('2025-11-03T05:59:59.999Z');
  });

  it('works east of UTC', () => {
    // Berlin in June is CEST, UTC+2.
    expect(endOfLocalDay('2025-06-10', 'Europe/Berlin').toISOString()).toBe('2025-06-10T21:59:59.999Z');
  });

  it('refuses a bad date', () => {
    expect(() => endOfLocalDay('2025-06-31', 'UTC')).toThrow('date: must be a calendar date written YYYY-MM-DD');
  });

  it("handles the company's own DST days (Denver, 2026: a 23-hour and a 25-hour day)", () => {
    expect(startOfLocalDay('2026-03-08', 'America/Denver').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/Denver').toISOString()).toBe('2026-03-09T05:59:59.999Z');
    expect(startOfLocalDay('2026-11-01', 'America/Denver').toISOString()).toBe('2026-11-01T06:00:00.000Z');
    expect(endOfLocalDay('2026-11-01', 'America/Denver').toISOString()).toBe('2026-11-02T06:59:59.999Z');
  });

  it('starts a day whose midnight the clocks skip at the change (Santiago, 6 Sep 2026: 00:00 → 01:00)', () => {
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(endOfLocalDay('2026-09-05', 'America/Santiago').toISOString()).toBe('2026-09-06T03:59:59.999Z');
  });

  it('ends a day whose last hour repeats at the end of the repeat (Santiago, 4 Apr 2026: 24:00 → 23:00)', () => {
    // 02:59:59Z is the first 23:59:59 of 4 April; the clocks then go back, and the day lasts one more hour.
    expect(localDateOf(new Date('2026-04-05T03:30:00Z'), 'America/Santiago')).toBe('2026-04-04');
    expect(endOfLocalDay('2026-04-04', 'America/Santiago').toISOString()).toBe('2026-04-05T03:59:59.999Z');
    expect(startOfLocalDay('2026-04-05', 'America/Santiago').toISOString()).toBe('2026-04-05T04:00:00.000Z');
  });

  it('handles half-hour DST and offsets (Lord Howe, Kathmandu)', () => {
    // Lord Howe leaves DST (UTC+11 → +10:30) at 02:00 on 5 April 2026 and enters it at 02:00 on 4 October.
    expect(startOfLocalDay('2026-04-05', 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T13:00:00.000Z');
    expect(endOfLocalDay('2026-04-05', 'Australia/Lord_Howe').toISOString()).toBe('2026-04-05T13:29:59.999Z');
    expect(endOfLocalDay('2026-10-04', 'Australia/Lord_Howe').toISOString()).toBe('2026-10-04T12:59:59.999Z');
    expect(startOfLocalDay('2026-01-14', 'Asia/Kathmandu').toISOString()).toBe('2026-01-13T18:15:00.000Z');
  });

  it('bounds every day of 2025–2026 in zones east and west: the first and last instants fall on it, their neighbours not', () => {
    const wrong: string[] = [];
    for (const timeZone of [
      'America/Denver',
      'America/Santiago',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    ]) {
      for (let date = '2025-01-01'; date <= '2026-12-31'; date = addDaysToDate(date, 1)) {
        const start = startOfLocalDay(date, timeZone).getTime();
        const end = endOfLocalDay(date, timeZone).getTime();
        const ok =
          localDateOf(new Date(start), timeZone) === date &&
          localDateOf(new Date(start - 1), timeZone) === addDaysToDate(date, -1) &&
          localDateOf(new Date(end), timeZone) === date &&
          localDateOf(new Date(end + 1), timeZone) === addDaysToDate(date, 1);
        if (!ok) wrong.push(`${timeZone} ${date}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the company day: companyToday / daysUntilDate / daysSinceDate', () => {
  const DENVER = 'America/Denver';

  it('is the local day in the company zone, not the UTC day (23:30 and 00:30 in Denver)', () => {
    // 23:30 MST on Dec 7 is 06:30 UTC on Dec 8: the UTC day is already tomorrow.
    const lateEvening = new Date('2026-12-08T06:30:00Z');
    expect(companyToday(lateEvening, DENVER)).toBe('2026-12-07');
    expect(daysUntilDate('2027-03-17', lateEvening, DENVER)).toBe(100);
    expect(daysSinceDate('2026-11-02', lateEvening, DENVER)).toBe(35);
    // An hour later it is 00:30 on Dec 8 in Denver: every count moves by exactly one.
    const justAfterMidnight = new Date('2026-12-08T07:30:00Z');
    expect(companyToday(justAfterMidnight, DENVER)).toBe('2026-12-08');
    expect(daysUntilDate('2027-03-17', justAfterMidnight, DENVER)).toBe(99);
    expect(daysSinceDate('2026-11-02', justAfterMidnight, DENVER)).toBe(36);
  });

  it('counts an instant from the company day it fell on', () => {
    const now = new Date('2026-12-08T18:00:00Z'); // 11:00 on Dec 8 in Denver
    // 23:30 on Dec 6 in Denver (06:30 UTC on Dec 7) was two company days ago, not one.
    expect(daysSinceDate('2026-12-07T06:30:00Z', now, DENVER)).toBe(2);
    expect(daysSinceDate(new Date('2026-12-07T06:30:00Z'), now, DENVER)).toBe(2);
    expect(daysSinceDate('2026-12-08T07:00:00Z', now, DENVER)).toBe(0);
  });

  it('counts whole days across both daylight-saving switches', () => {
    // US DST starts 2026-03-08 (a 23-hour day) and ends 2026-11-01 (a 25-hour day).
    const beforeSpring = new Date('2026-03-08T06:30:00Z'); // 23:30 MST on Mar 7
    expect(companyToday(beforeSpring, DENVER)).toBe('2026-03-07');
    expect(daysUntilDate('2026-03-09', beforeSpring, DENVER)).toBe(2);
    const afterSpring = new Date('2026-03-09T05:30:00Z'); // 23:30 MDT on Mar 8
    expect(companyToday(afterSpring, DENVER)).toBe('2026-03-08');
    expect(daysSinceDate('2026-03-07', afterSpring, DENVER)).toBe(1);
    const fallBackNight = new Date('2026-11-01T08:30:00Z'); // the second 01:30 on Nov 1 (MST, after the switch)
    expect(companyToday(fallBackNight, DENVER)).toBe('2026-11-01');
    const endOfLongDay = new Date('2026-11-02T06:30:00Z'); // 23:30 MST on Nov 1
    expect(companyToday(endOfLongDay, DENVER)).toBe('2026-11-01');
    expect(daysUntilDate('2026-12-25', endOfLongDay, DENVER)).toBe(54);
  });

  it('refuses a bad date or zone by name', () => {
    const now = new Date('2026-12-08T18:00:00Z');
    expect(() => daysUntilDate('2026-02-30', now, DENVER)).toThrow(/^to: /);
    expect(() => companyToday(now, 'Mars/Base')).toThrow(/^timeZone: /);
  });
});
