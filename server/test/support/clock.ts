import { addDaysToDate, companyToday } from '@groundwork/shared';
import type { Clock } from '../../src/platform/clock.js';

/**
 * The hours where a day count can go wrong, for the company's zone
 * (America/Denver, the default COMPANY_TIME_ZONE): late evening when the UTC
 * day has already turned, just after local midnight, and both daylight-saving
 * switches (a 23-hour and a 25-hour day). Date-sensitive suites run at each.
 */
export const CLOCK_EDGES: readonly ClockEdge[] = [
  {
    name: '23:30 in Denver = 06:30 UTC the next day',
    at: '2026-12-08T06:30:00Z',
    companyDay: '2026-12-07',
    tomorrowEnds: '2026-12-09T06:59:59.999Z',
  },
  {
    name: '00:30 in Denver',
    at: '2026-12-08T07:30:00Z',
    companyDay: '2026-12-08',
    tomorrowEnds: '2026-12-10T06:59:59.999Z',
  },
  {
    name: 'the evening before spring forward (23:30 MST, Mar 7)',
    at: '2026-03-08T06:30:00Z',
    companyDay: '2026-03-07',
    // Mar 8 starts in MST and ends in MDT (a 23-hour day).
    tomorrowEnds: '2026-03-09T05:59:59.999Z',
  },
  {
    name: 'the first evening of daylight time (23:30 MDT, Mar 8)',
    at: '2026-03-09T05:30:00Z',
    companyDay: '2026-03-08',
    tomorrowEnds: '2026-03-10T05:59:59.999Z',
  },
  {
    name: 'the fall-back night, the second 01:30 (MST, Nov 1)',
    at: '2026-11-01T08:30:00Z',
    companyDay: '2026-11-01',
    tomorrowEnds: '2026-11-03T06:59:59.999Z',
  },
  {
    name: 'the end of the 25-hour day (23:30 MST, Nov 1)',
    at: '2026-11-02T06:30:00Z',
    companyDay: '2026-11-01',
    tomorrowEnds: '2026-11-03T06:59:59.999Z',
  },
  {
    name: "New Year's Eve, 23:30 in Denver (UTC is already in 2027)",
    at: '2027-01-01T06:30:00Z',
    companyDay: '2026-12-31',
    tomorrowEnds: '2027-01-02T06:59:59.999Z',
  },
];

/** An instant where days turn over, with its company day and the end of the next one, worked out by hand. */
export interface ClockEdge {
  name: string;
  at: string;
  /** The company's calendar day at `at`. */
  companyDay: string;
  /** When the next company day ends (23:59:59.999 local), as UTC: a ROUTINE Issue due at tomorrow's visit. */
  tomorrowEnds: string;
}

/**
 * The clock a test server reads: real time unless pinned. Pinned, it starts at
 * the given instant and keeps running (timestamps stay ordered; a test takes
 * seconds, so no pinned edge reaches the next day). Tests compute their dates
 * from it — never from the machine's clock or the database's `now()`.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  constructor(
    readonly timeZone = 'America/Denver',
    at?: Date | string,
  ) {
    if (at !== undefined) this.set(at);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves "now" to `at`; the clock runs on from there. */
  set(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  /** The company's calendar day now ('YYYY-MM-DD'). */
  today(): string {
    return companyToday(this.now(), this.timeZone);
  }

  /** The company day `days` from today (negative: back). */
  date(days: number): string {
    return addDaysToDate(this.today(), days);
  }

  /** The instant `hours` before now. */
  hoursAgo(hours: number): Date {
    return new Date(this.now().getTime() - hours * 3_600_000);
  }
}
