import { describe, expect, it } from 'vitest';
import { addDaysToDate } from './calendar.rules.js';
import {
  describeSchedule,
  monthlyOrdinalOf,
  nextVisitDate,
  validateSchedule,
  visitEnd,
  type VisitSchedule,
} from './schedule.rules.js';

const CHICAGO = 'America/Chicago'; // June 2025 is CDT, UTC−5

// Reference calendar, June 2025: Mon 2, Tue 3, Thu 5, Mon 9, Tue 10, Wed 11, Thu 12 … Sun 1, 8, 15.
const weeklyTuesday: VisitSchedule = { weekday: 2, cadence: 'WEEKLY', anchorDate: '2025-06-03' };
const biweeklyThursday: VisitSchedule = { weekday: 4, cadence: 'BIWEEKLY', anchorDate: '2025-06-05' }; // 22 May, 5 Jun, 19 Jun, 3 Jul…
const secondTuesday: VisitSchedule = { weekday: 2, cadence: 'MONTHLY', anchorDate: '2025-06-10' }; // 10 Jun, 8 Jul, 12 Aug, 9 Sep
const lastThursday: VisitSchedule = { weekday: 4, cadence: 'MONTHLY', anchorDate: '2025-05-29' }; // 29 May is the 5th Thursday

/** An instant given as Chicago wall-clock time in June (UTC−5). */
const chicagoJune = (local: string) => new Date(`${local}-05:00`);

/** The visits from `from` to `to`, both inclusive, by asking for the next visit after each (in UTC: no zone moves a day). */
function visitsBetween(schedule: VisitSchedule, from: string, to: string): string[] {
  const visits: string[] = [];
  const noon = (date: string) => new Date(`${date}T12:00:00Z`);
  for (let visit = nextVisitDate(schedule, noon(addDaysToDate(from, -1)), 'UTC'); visit <= to;) {
    visits.push(visit);
    visit = nextVisitDate(schedule, noon(visit), 'UTC');
  }
  return visits;
}

describe('validateSchedule', () => {
  it('accepts a coherent schedule', () => {
    expect(validateSchedule(weeklyTuesday)).toBe(weeklyTuesday);
  });

  it('refuses a weekday outside 1–7', () => {
    for (const weekday of [0, 8, 2.5, Number.NaN]) {
      expect(() => validateSchedule({ ...weeklyTuesday, weekday })).toThrow(
        'weekday: must be an ISO weekday from 1 (Monday) to 7 (Sunday)',
      );
    }
  });

  it('refuses an unknown cadence', () => {
    expect(() => validateSchedule({ ...weeklyTuesday, cadence: 'DAILY' as never })).toThrow(
      'cadence: must be one of WEEKLY, BIWEEKLY, MONTHLY',
    );
  });

  it('refuses an anchor that is not on the weekday', () => {
    expect(() => validateSchedule({ ...weeklyTuesday, anchorDate: '2025-06-11' })).toThrow(
      "anchorDate: must fall on the schedule's weekday (Tuesday)",
    );
  });

  it('refuses an impossible anchor date', () => {
    expect(() => validateSchedule({ ...weeklyTuesday, anchorDate: '2025-02-30' })).toThrow(
      'anchorDate: must be a calendar date written YYYY-MM-DD',
    );
  });
});

describe('monthlyOrdinalOf / describeSchedule', () => {
  it('derives the ordinal from the day of month, 5th → last (-1)', () => {
    expect(monthlyOrdinalOf('2025-06-01')).toBe(1);
    expect(monthlyOrdinalOf('2025-06-07')).toBe(1);
    expect(monthlyOrdinalOf('2025-06-08')).toBe(2);
    expect(monthlyOrdinalOf('2025-06-28')).toBe(4);
    expect(monthlyOrdinalOf('2025-05-29')).toBe(-1);
  });

  it('describes schedules in words', () => {
    expect(describeSchedule(weeklyTuesday)).toBe('Every Tuesday');
    expect(describeSchedule(biweeklyThursday)).toBe('Every other Thursday');
    expect(describeSchedule(secondTuesday)).toBe('2nd Tuesday of each month');
    expect(describeSchedule(lastThursday)).toBe('Last Thursday of each month');
    expect(describeSchedule({ weekday: 7, cadence: 'MONTHLY', anchorDate: '2025-06-01' })).toBe(
      '1st Sunday of each month',
    );
  });
});

describe('nextVisitDate — WEEKLY', () => {
  it('is the next weekday after `after`', () => {
    expect(nextVisitDate(weeklyTuesday, chicagoJune('2025-06-09T10:00:00'), CHICAGO)).toBe('2025-06-10');
  });

  it('does not count a visit later on the same local day', () => {
    expect(nextVisitDate(weeklyTuesday, chicagoJune('2025-06-10T07:00:00'), CHICAGO)).toBe('2025-06-17');
  });

  it('uses the company-local date, not the UTC date', () => {
    // 04:00Z Tuesday is 23:00 Monday in Chicago, so Tuesday's visit is still ahead.
    expect(nextVisitDate(weeklyTuesday, new Date('2025-06-10T04:00:00Z'), CHICAGO)).toBe('2025-06-10');
    // The same instant is already Tuesday in UTC.
    expect(nextVisitDate(weeklyTuesday, new Date('2025-06-10T04:00:00Z'), 'UTC')).toBe('2025-06-17');
  });

  it('depends on the zone for an instant that is Monday in Chicago but Tuesday in Auckland', () => {
    const instant = new Date('2025-06-09T20:00:00Z'); // 15:00 Mon CDT; 08:00 Tue NZST
    expect(nextVisitDate(weeklyTuesday, instant, CHICAGO)).toBe('2025-06-10');
    expect(nextVisitDate(weeklyTuesday, instant, 'Pacific/Auckland')).toBe('2025-06-17');
  });

  it('ignores how old the anchor is', () => {
    const oldAnchor: VisitSchedule = { weekday: 2, cadence: 'WEEKLY', anchorDate: '2020-01-07' };
    expect(nextVisitDate(oldAnchor, chicagoJune('2025-06-12T12:00:00'), CHICAGO)).toBe('2025-06-17');
  });

  it('wraps to Sunday', () => {
    const sunday: VisitSchedule = { weekday: 7, cadence: 'WEEKLY', anchorDate: '2025-06-01' };
    expect(nextVisitDate(sunday, chicagoJune('2025-06-09T12:00:00'), CHICAGO)).toBe('2025-06-15');
  });
});

describe('nextVisitDate — BIWEEKLY', () => {
  it('stays in phase with the anchor (skips the off week)', () => {
    expect(nextVisitDate(biweeklyThursday, chicagoJune('2025-06-06T12:00:00'), CHICAGO)).toBe('2025-06-19');
    expect(nextVisitDate(biweeklyThursday, chicagoJune('2025-06-11T12:00:00'), CHICAGO)).toBe('2025-06-19');
  });

  it('is the next day when the visit is tomorrow', () => {
    expect(nextVisitDate(biweeklyThursday, chicagoJune('2025-06-18T21:00:00'), CHICAGO)).toBe('2025-06-19');
  });

  it('skips a visit on the same day', () => {
    expect(nextVisitDate(biweeklyThursday, chicagoJune('2025-06-19T06:00:00'), CHICAGO)).toBe('2025-07-03');
  });

  it('extends before the anchor', () => {
    expect(nextVisitDate(biweeklyThursday, chicagoJune('2025-05-20T12:00:00'), CHICAGO)).toBe('2025-05-22');
  });

  it('crosses the year', () => {
    const christmas: VisitSchedule = { weekday: 4, cadence: 'BIWEEKLY', anchorDate: '2025-12-25' };
    expect(nextVisitDate(christmas, new Date('2025-12-26T18:00:00Z'), CHICAGO)).toBe('2026-01-08');
  });
});

describe('nextVisitDate — MONTHLY', () => {
  it('keeps the ordinal weekday (2nd Tuesday)', () => {
    expect(nextVisitDate(secondTuesday, chicagoJune('2025-06-11T12:00:00'), CHICAGO)).toBe('2025-07-08');
    expect(nextVisitDate(secondTuesday, new Date('2025-07-07T17:00:00Z'), CHICAGO)).toBe('2025-07-08');
    expect(nextVisitDate(secondTuesday, new Date('2025-07-08T14:00:00Z'), CHICAGO)).toBe('2025-08-12');
    expect(nextVisitDate(secondTuesday, chicagoJune('2025-06-05T12:00:00'), CHICAGO)).toBe('2025-06-10');
  });

  it('treats a 5th-weekday anchor as the last such weekday', () => {
    expect(nextVisitDate(lastThursday, chicagoJune('2025-06-01T12:00:00'), CHICAGO)).toBe('2025-06-26');
    expect(nextVisitDate(lastThursday, chicagoJune('2025-06-27T12:00:00'), CHICAGO)).toBe('2025-07-31');
  });

  it('keeps a 4th weekday as the 4th even in a month with five', () => {
    // July 2025 Thursdays: 3, 10, 17, 24, 31 — the 4th is the 24th, not the last.
    const fourthThursday: VisitSchedule = { weekday: 4, cadence: 'MONTHLY', anchorDate: '2025-06-26' };
    expect(nextVisitDate(fourthThursday, chicagoJune('2025-06-27T12:00:00'), CHICAGO)).toBe('2025-07-24');
  });

  it('finds the last Friday of a short February', () => {
    const lastFriday: VisitSchedule = { weekday: 5, cadence: 'MONTHLY', anchorDate: '2025-01-31' };
    expect(nextVisitDate(lastFriday, new Date('2025-02-01T18:00:00Z'), CHICAGO)).toBe('2025-02-28');
  });

  it('rolls into next year', () => {
    const firstMonday: VisitSchedule = { weekday: 1, cadence: 'MONTHLY', anchorDate: '2025-12-01' };
    expect(nextVisitDate(firstMonday, new Date('2025-12-02T18:00:00Z'), CHICAGO)).toBe('2026-01-05');
  });

  it('lands on the last day of a month when that is the visit day', () => {
    // 4th Saturday of February 2026 (1 Feb is a Sunday): the 28th, the month's last day.
    const fourthSaturday: VisitSchedule = { weekday: 6, cadence: 'MONTHLY', anchorDate: '2026-01-24' };
    expect(nextVisitDate(fourthSaturday, new Date('2026-02-01T18:00:00Z'), CHICAGO)).toBe('2026-02-28');
    // Last Tuesday of February 2028 is the leap day (the anchor, 30 Nov 2027, is a 5th Tuesday: "last").
    const lastTuesday: VisitSchedule = { weekday: 2, cadence: 'MONTHLY', anchorDate: '2027-11-30' };
    expect(nextVisitDate(lastTuesday, new Date('2028-02-10T18:00:00Z'), CHICAGO)).toBe('2028-02-29');
    // Last Sunday of May 2026 is the 31st; asked on the 31st itself, it is June's.
    const lastSunday: VisitSchedule = { weekday: 7, cadence: 'MONTHLY', anchorDate: '2026-03-29' };
    expect(nextVisitDate(lastSunday, new Date('2026-05-30T18:00:00Z'), CHICAGO)).toBe('2026-05-31');
    expect(nextVisitDate(lastSunday, new Date('2026-05-31T18:00:00Z'), CHICAGO)).toBe('2026-06-28');
  });

  it('rolls past a month whose visit already passed at its end (asked on 31 January)', () => {
    const firstMonday: VisitSchedule = { weekday: 1, cadence: 'MONTHLY', anchorDate: '2026-01-05' };
    expect(nextVisitDate(firstMonday, new Date('2026-01-31T18:00:00Z'), CHICAGO)).toBe('2026-02-02');
  });

  it('handles a 1st Sunday when the month starts on Sunday', () => {
    const firstSunday: VisitSchedule = { weekday: 7, cadence: 'MONTHLY', anchorDate: '2025-06-01' };
    expect(nextVisitDate(firstSunday, chicagoJune('2025-06-01T08:00:00'), CHICAGO)).toBe('2025-07-06');
  });
});

describe('nextVisitDate — around the DST switches (Denver)', () => {
  const DENVER = 'America/Denver';
  const weeklyMonday: VisitSchedule = { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-03-02' };

  it('counts from the local day at 23:30 the night before and after the spring switch', () => {
    // 23:30 MST on Saturday 7 March 2026 (06:30Z on the 8th): the next day is Sunday 8 March, so Monday 9 March.
    expect(nextVisitDate(weeklyMonday, new Date('2026-03-08T06:30:00Z'), DENVER)).toBe('2026-03-09');
    // 23:30 MDT on Sunday 8 March (05:30Z on the 9th): still the 8th locally, so still Monday 9 March.
    expect(nextVisitDate(weeklyMonday, new Date('2026-03-09T05:30:00Z'), DENVER)).toBe('2026-03-09');
    // 00:30 MDT on Monday 9 March: the visit is today, so the next one is a week later.
    expect(nextVisitDate(weeklyMonday, new Date('2026-03-09T06:30:00Z'), DENVER)).toBe('2026-03-16');
  });

  it('counts the 25-hour day of the autumn switch as one day', () => {
    // The second 01:30 on Sunday 1 November 2026 (MST, 08:30Z) and 23:30 MST that day (06:30Z on the 2nd).
    expect(nextVisitDate(weeklyMonday, new Date('2026-11-01T08:30:00Z'), DENVER)).toBe('2026-11-02');
    expect(nextVisitDate(weeklyMonday, new Date('2026-11-02T06:30:00Z'), DENVER)).toBe('2026-11-02');
    expect(nextVisitDate(weeklyMonday, new Date('2026-11-02T07:30:00Z'), DENVER)).toBe('2026-11-09');
  });
});

describe('the visit math against its definition', () => {
  // The definition, day by day: a WEEKLY visit is on the weekday; a BIWEEKLY one also a multiple of
  // 14 days from the anchor; a MONTHLY one the ordinal weekday of its month (-1: the last one).
  const DAY = 86_400_000;
  const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
  const isVisit = (s: VisitSchedule, date: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    if (((d.getUTCDay() + 6) % 7) + 1 !== s.weekday) return false;
    if (s.cadence === 'WEEKLY') return true;
    if (s.cadence === 'BIWEEKLY') return (((utcDay(date) - utcDay(s.anchorDate)) % 14) + 14) % 14 === 0;
    const ordinal = monthlyOrdinalOf(s.anchorDate);
    const dayOfMonth = d.getUTCDate();
    const monthLength = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    return ordinal === -1 ? dayOfMonth + 7 > monthLength : Math.ceil(dayOfMonth / 7) === ordinal;
  };
  const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

  it('lists exactly the days that are visits, over four years for every weekday, cadence and ordinal', () => {
    const from = '2025-01-01';
    const to = '2028-12-31';
    const schedules: VisitSchedule[] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      // Anchors on the 1st to 5th such weekday of January 2026 (ordinals 1–4 and last).
      const first = utcDay('2026-01-01') + ((weekday - (((new Date('2026-01-01').getUTCDay() + 6) % 7) + 1) + 7) % 7);
      for (let k = 0; k < 5; k++) {
        const anchorDate = iso(first + 7 * k);
        if (anchorDate > '2026-01-31') continue;
        schedules.push({ weekday, cadence: 'MONTHLY', anchorDate });
        if (k < 2) schedules.push({ weekday, cadence: 'BIWEEKLY', anchorDate });
      }
      schedules.push({ weekday, cadence: 'WEEKLY', anchorDate: iso(first) });
    }
    for (const schedule of schedules) {
      const expected: string[] = [];
      for (let day = utcDay(from); day <= utcDay(to); day++) if (isVisit(schedule, iso(day))) expected.push(iso(day));
      expect(visitsBetween(schedule, from, to), JSON.stringify(schedule)).toEqual(expected);
    }
    // January 2026 starts on a Thursday: five Thursdays, Fridays and Saturdays (a "last" anchor), four of the rest.
    expect(schedules).toHaveLength(31 + 14 + 7);
  });

  it('gives as the next visit the first day after the local day that is a visit', () => {
    const schedules: VisitSchedule[] = [
      { weekday: 5, cadence: 'MONTHLY', anchorDate: '2026-01-30' }, // last Friday
      { weekday: 3, cadence: 'MONTHLY', anchorDate: '2026-01-07' }, // 1st Wednesday
      { weekday: 6, cadence: 'BIWEEKLY', anchorDate: '2026-01-10' },
    ];
    const wrong: string[] = [];
    for (const schedule of schedules) {
      // Noon in Chicago every day of 2026 and 2027.
      for (let day = utcDay('2026-01-01'); day <= utcDay('2027-12-31'); day++) {
        let next = day + 1;
        while (!isVisit(schedule, iso(next))) next++;
        const got = nextVisitDate(schedule, new Date(day * DAY + 18 * 3_600_000), CHICAGO);
        if (got !== iso(next)) wrong.push(`${JSON.stringify(schedule)} ${iso(day)}: ${got}, not ${iso(next)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('nextVisitDate — input checks', () => {
  it('refuses an invalid instant', () => {
    expect(() => nextVisitDate(weeklyTuesday, new Date('nope'), CHICAGO)).toThrow(
      'after: must be a valid date and time',
    );
  });

  it('refuses an unknown time zone', () => {
    expect(() => nextVisitDate(weeklyTuesday, new Date(), 'Nowhere/Town')).toThrow(/^timeZone: /);
  });

  it('refuses an incoherent schedule', () => {
    expect(() => nextVisitDate({ ...weeklyTuesday, anchorDate: '2025-06-04' }, new Date(), CHICAGO)).toThrow(
      /^anchorDate: /,
    );
  });
});

describe('visitEnd', () => {
  it('is 23:59:59.999 local on the visit day', () => {
    expect(visitEnd('2025-06-10', CHICAGO).toISOString()).toBe('2025-06-11T04:59:59.999Z');
    expect(visitEnd('2025-01-14', CHICAGO).toISOString()).toBe('2025-01-15T05:59:59.999Z'); // CST, UTC−6
  });
});

describe('visits over a range, one next visit after another', () => {
  it('lists weekly visits in a month', () => {
    expect(visitsBetween(weeklyTuesday, '2025-06-01', '2025-06-30')).toEqual([
      '2025-06-03',
      '2025-06-10',
      '2025-06-17',
      '2025-06-24',
    ]);
  });

  it('includes both ends', () => {
    expect(visitsBetween(weeklyTuesday, '2025-06-10', '2025-06-24')).toEqual([
      '2025-06-10',
      '2025-06-17',
      '2025-06-24',
    ]);
    expect(visitsBetween(weeklyTuesday, '2025-06-10', '2025-06-10')).toEqual(['2025-06-10']);
  });

  it('lists biweekly visits in phase', () => {
    expect(visitsBetween(biweeklyThursday, '2025-06-01', '2025-07-31')).toEqual([
      '2025-06-05',
      '2025-06-19',
      '2025-07-03',
      '2025-07-17',
      '2025-07-31',
    ]);
  });

  it('lists last-weekday monthly visits', () => {
    expect(visitsBetween(lastThursday, '2025-06-01', '2025-09-30')).toEqual([
      '2025-06-26',
      '2025-07-31',
      '2025-08-28',
      '2025-09-25',
    ]);
  });

  it('lists 2nd-Tuesday visits across the year end', () => {
    // 2nd Tuesdays: 11 Nov 2025, 9 Dec 2025, 13 Jan 2026.
    expect(visitsBetween(secondTuesday, '2025-11-01', '2026-01-31')).toEqual([
      '2025-11-11',
      '2025-12-09',
      '2026-01-13',
    ]);
  });

  it('finds none in a range without visits', () => {
    expect(visitsBetween(weeklyTuesday, '2025-06-11', '2025-06-16')).toEqual([]);
  });

  it('counts 52 or 53 weekly visits in a year', () => {
    // 2025 starts on a Wednesday and has 52 Tuesdays (7 Jan … 30 Dec).
    const visits = visitsBetween(weeklyTuesday, '2025-01-01', '2025-12-31');
    expect(visits).toHaveLength(52);
    expect(visits[0]).toBe('2025-01-07');
    expect(visits.at(-1)).toBe('2025-12-30');
  });
});
