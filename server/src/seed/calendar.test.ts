import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  daysBetweenDates,
  isoWeekdayOf,
  localDateOf,
  nextVisitDate,
  routeIssue,
  ISSUE_CATEGORIES,
  VISIT_CADENCES,
  type RoutingSchedule,
} from '@groundwork/shared';
import { Rng } from './random.js';
import { SeedCalendar, addDays, daysBetween, isoWeekday } from './calendar.js';

// The seed's fast calendar must agree with the shared rules it stands in for.
describe('SeedCalendar agrees with the shared calendar and routing rules', () => {
  const timeZone = 'America/Denver';
  const calendar = new SeedCalendar(timeZone, '2024-12-01', '2027-06-30');
  const rng = new Rng('calendar-test');
  const base = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2027, 5, 1) - base;
  const randomInstant = () => new Date(base + Math.floor(rng.next() * span));
  const randomSchedule = (crewId: string, serviceLineId: string): RoutingSchedule => {
    const weekday = rng.int(1, 7);
    let anchorDate = addDaysToDate('2026-01-05', rng.int(-400, 400));
    anchorDate = addDaysToDate(anchorDate, (weekday - isoWeekdayOf(anchorDate) + 7) % 7);
    return { crewId, serviceLineId, weekday, cadence: rng.pick(VISIT_CADENCES), anchorDate };
  };

  it('date arithmetic', () => {
    for (let i = 0; i < 800; i++) {
      const d = localDateOf(randomInstant(), 'UTC');
      const n = rng.int(-500, 500);
      expect(addDays(d, n)).toBe(addDaysToDate(d, n));
      expect(isoWeekday(d)).toBe(isoWeekdayOf(d));
      const e = addDaysToDate(d, n);
      expect(daysBetween(d, e)).toBe(daysBetweenDates(d, e));
    }
  });

  it('local day of an instant, including around DST changes', () => {
    const dst = [Date.UTC(2026, 2, 8, 8), Date.UTC(2026, 10, 1, 7), Date.UTC(2025, 2, 9, 9)];
    for (let i = 0; i < 1200; i++) {
      const t = i < 600 ? new Date(dst[i % 3]! + (i - 300) * 600_000) : randomInstant();
      expect(calendar.dayOf(t)).toBe(localDateOf(t, timeZone));
    }
  });

  it('next visit dates', () => {
    for (let i = 0; i < 800; i++) {
      const schedule = randomSchedule('c', 's');
      const after = randomInstant();
      expect(calendar.nextVisitDate(schedule, after)).toBe(nextVisitDate(schedule, after, timeZone));
    }
  });

  it('routes like routeIssue', () => {
    const table = Object.fromEntries(ISSUE_CATEGORIES.map((c, i) => [c, `line-${i % 4}`]));
    for (let i = 0; i < 500; i++) {
      const schedules = Array.from({ length: rng.int(0, 5) }, () =>
        randomSchedule(`crew-${rng.int(1, 3)}`, `line-${rng.int(0, 4)}`),
      );
      const input = {
        category: rng.pick(ISSUE_CATEGORIES),
        categoryServiceLine: table,
        schedules,
        createdAt: randomInstant(),
        urgency: rng.pick(['ROUTINE', 'URGENT', undefined] as const),
      };
      expect(calendar.routeIssue(input)).toEqual(routeIssue({ ...input, timeZone }));
    }
  });
});
