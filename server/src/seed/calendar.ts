import {
  effectiveUrgency,
  issueDueAt,
  localDateOf,
  monthlyOrdinalOf,
  startOfLocalDay,
  visitEnd,
  type IssueCategory,
  type IssueRoute,
  type IssueUrgency,
  type RoutingSchedule,
  type VisitSchedule,
} from '@groundwork/shared';

// The generator asks "which local day is this instant?" and "when is the
// crew's next visit?" tens of thousands of times. The shared rules answer
// through time-zone objects at a fraction of a millisecond each, which made
// the seed take 15 s; these are the same rules over plain day numbers, with
// the time-zone work done once per day. calendar.test.ts checks them against
// the shared functions on thousands of random cases.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

function monthlyVisit(year: number, month0: number, weekday: number, ordinal: number): number {
  if (ordinal === -1) {
    const last = Date.UTC(year, month0 + 1, 0) / DAY_MS;
    const lastWeekday = isoWeekday(dateOfDayNumber(last));
    return last - ((lastWeekday - weekday + 7) % 7);
  }
  const first = Date.UTC(year, month0, 1) / DAY_MS;
  const firstWeekday = isoWeekday(dateOfDayNumber(first));
  return first + ((weekday - firstWeekday + 7) % 7) + 7 * (ordinal - 1);
}

const ordinals = new Map<string, number>();
function ordinalOf(anchorDate: string): number {
  let ordinal = ordinals.get(anchorDate);
  if (ordinal === undefined) {
    ordinal = monthlyOrdinalOf(anchorDate);
    ordinals.set(anchorDate, ordinal);
  }
  return ordinal;
}

/** First visit on or after `date` — the shared schedule rule, on day numbers. */
export function firstVisitOnOrAfter(schedule: VisitSchedule, date: string): string {
  const d = dayNumber(date);
  switch (schedule.cadence) {
    case 'WEEKLY':
      return dateOfDayNumber(d + ((schedule.weekday - isoWeekday(date) + 7) % 7));
    case 'BIWEEKLY': {
      const since = d - dayNumber(schedule.anchorDate);
      return dateOfDayNumber(d + (((-since % 14) + 14) % 14));
    }
    case 'MONTHLY': {
      const ordinal = ordinalOf(schedule.anchorDate);
      const year = Number(date.slice(0, 4));
      const month0 = Number(date.slice(5, 7)) - 1;
      const thisMonth = monthlyVisit(year, month0, schedule.weekday, ordinal);
      if (thisMonth >= d) return dateOfDayNumber(thisMonth);
      return dateOfDayNumber(
        monthlyVisit(month0 === 11 ? year + 1 : year, (month0 + 1) % 12, schedule.weekday, ordinal),
      );
    }
  }
}

/**
 * Local days of one company time zone over a range, precomputed, so turning
 * an instant into its local day is a binary search instead of a time-zone
 * conversion. Outside the range it falls back to the shared function.
 */
export class SeedCalendar {
  private readonly firstDay: number;
  private readonly starts: number[] = [];
  private readonly visitEnds = new Map<string, Date>();

  constructor(
    readonly timeZone: string,
    from: string,
    to: string,
  ) {
    this.firstDay = dayNumber(from);
    for (let n = this.firstDay; n <= dayNumber(to) + 1; n++) {
      this.starts.push(startOfLocalDay(dateOfDayNumber(n), timeZone).getTime());
    }
  }

  /** Local midnight of `date` as epoch milliseconds. */
  dayStart(date: string): number {
    const i = dayNumber(date) - this.firstDay;
    if (i >= 0 && i < this.starts.length) return this.starts[i]!;
    return startOfLocalDay(date, this.timeZone).getTime();
  }

  /** `minutes` after local midnight of `date`. */
  at(date: string, minutes: number): Date {
    return new Date(this.dayStart(date) + Math.round(minutes * 60_000));
  }

  /** The local calendar date of an instant. */
  dayOf(instant: Date): string {
    const t = instant.getTime();
    const s = this.starts;
    if (t < s[0]! || t >= s[s.length - 1]!) return localDateOf(instant, this.timeZone);
    let lo = 0;
    let hi = s.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= t) lo = mid;
      else hi = mid;
    }
    return dateOfDayNumber(this.firstDay + lo);
  }

  /** The shared `visitEnd` (end of the local visit day), memoised per date. */
  visitEnd(date: string): Date {
    let end = this.visitEnds.get(date);
    if (!end) {
      end = visitEnd(date, this.timeZone);
      this.visitEnds.set(date, end);
    }
    return end;
  }

  /** The shared `nextVisitDate`: first visit on or after the day after `after`'s local day. */
  nextVisitDate(schedule: VisitSchedule, after: Date): string {
    return firstVisitOnOrAfter(schedule, addDays(this.dayOf(after), 1));
  }

  /**
   * The shared `routeIssue`, over this calendar: category → service line →
   * the crew of that line visiting soonest (ties to the smaller crew id);
   * ROUTINE due at the end of that visit day, URGENT 24 h after creation.
   */
  routeIssue(input: {
    category: IssueCategory;
    categoryServiceLine: Readonly<Record<string, string>>;
    schedules: readonly RoutingSchedule[];
    createdAt: Date;
    urgency?: IssueUrgency;
  }): IssueRoute {
    const urgency = effectiveUrgency(input.category, input.urgency);
    const serviceLineId = Object.hasOwn(input.categoryServiceLine, input.category)
      ? (input.categoryServiceLine[input.category] ?? null)
      : null;
    let best: { crewId: string; date: string } | null = null;
    if (serviceLineId !== null) {
      for (const schedule of input.schedules) {
        if (schedule.serviceLineId !== serviceLineId) continue;
        const date = this.nextVisitDate(schedule, input.createdAt);
        if (best === null || date < best.date || (date === best.date && schedule.crewId < best.crewId)) {
          best = { crewId: schedule.crewId, date };
        }
      }
    }
    const nextVisit = best?.date ?? null;
    return {
      serviceLineId,
      crewId: best?.crewId ?? null,
      status: best ? 'ASSIGNED' : 'OPEN',
      urgency,
      dueAt:
        urgency === 'URGENT'
          ? issueDueAt({ urgency, createdAt: input.createdAt, nextVisitDate: nextVisit, timeZone: this.timeZone })
          : nextVisit === null
            ? null
            : this.visitEnd(nextVisit),
      nextVisitDate: nextVisit,
    };
  }
}
