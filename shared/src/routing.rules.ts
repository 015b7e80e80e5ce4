import { requireTimeZone } from './calendar.rules.js';
import { isOpenIssueStatus, type IssueCategory, type IssueStatus, type IssueUrgency } from './enums.js';
import { isDomainError } from './errors.js';
import { nextVisitDate, visitEnd, type VisitSchedule } from './schedule.rules.js';

/** Hours from creation until an URGENT Issue is due. */
export const URGENT_DUE_HOURS = 24;

/** Categories that are URGENT whatever the reporter chose: a hazard to people cannot wait for a visit. */
export const ALWAYS_URGENT_CATEGORIES = ['SAFETY'] as const satisfies readonly IssueCategory[];

/** One crew's visit schedule to the Issue's property for one service line. */
export type RoutingSchedule = VisitSchedule & { serviceLineId: string; crewId: string };

export type RouteIssueInput = {
  category: IssueCategory;
  /** The company's routing table: category → service-line id. */
  categoryServiceLine: Readonly<Record<string, string>>;
  /** The property's schedules (any service line; only the routed one is used). */
  schedules: readonly RoutingSchedule[];
  createdAt: Date;
  /** What the reporter asked for; defaults to ROUTINE, and SAFETY overrides it. */
  urgency?: IssueUrgency;
  /** The company's IANA time zone: visit days are local days. */
  timeZone: string;
};

export type IssueRoute = {
  serviceLineId: string | null;
  crewId: string | null;
  status: 'ASSIGNED' | 'OPEN';
  /** The urgency to store (after the SAFETY rule). */
  urgency: IssueUrgency;
  dueAt: Date | null;
  /** The routed crew's next visit after creation ('YYYY-MM-DD'), even for URGENT Issues. */
  nextVisitDate: string | null;
};

export type CrewVisit = { crewId: string; serviceLineId: string; nextVisitDate: string };

/** The urgency an Issue gets: SAFETY is always URGENT, otherwise what was asked (default ROUTINE). */
export function effectiveUrgency(category: IssueCategory, requested?: IssueUrgency | null): IssueUrgency {
  if ((ALWAYS_URGENT_CATEGORIES as readonly IssueCategory[]).includes(category)) return 'URGENT';
  return requested ?? 'ROUTINE';
}

/**
 * Among these schedules, the crew visiting soonest after `after` (ties go to
 * the smaller crewId so the result never depends on row order). A malformed
 * schedule is skipped rather than thrown: it must not block capturing an Issue,
 * which then simply lands unrouted where a manager sees it.
 */
export function pickNextCrewVisit(
  schedules: readonly RoutingSchedule[],
  after: Date,
  timeZone: string,
): CrewVisit | null {
  requireTimeZone(timeZone);
  let best: CrewVisit | null = null;
  for (const schedule of schedules) {
    let date: string;
    try {
      date = nextVisitDate(schedule, after, timeZone);
    } catch (error) {
      if (isDomainError(error)) continue;
      throw error;
    }
    if (best === null || date < best.nextVisitDate || (date === best.nextVisitDate && schedule.crewId < best.crewId)) {
      best = { crewId: schedule.crewId, serviceLineId: schedule.serviceLineId, nextVisitDate: date };
    }
  }
  return best;
}

/**
 * When an Issue is due: URGENT → exactly 24 h after creation (routed or not);
 * ROUTINE → the end of the crew's next visit day, or null when no crew visit
 * is known (unrouted work has no promise date yet).
 */
export function issueDueAt(input: {
  urgency: IssueUrgency;
  createdAt: Date;
  nextVisitDate: string | null;
  timeZone: string;
}): Date | null {
  if (input.urgency === 'URGENT') return new Date(input.createdAt.getTime() + URGENT_DUE_HOURS * 3_600_000);
  if (input.nextVisitDate === null) return null;
  return visitEnd(input.nextVisitDate, input.timeZone);
}

/**
 * Routes a new Issue: category → service line (company table) → the crew of
 * that service line visiting the property soonest. Routed Issues start
 * ASSIGNED; the rest stay OPEN in the unrouted queue. Manual assignment is a
 * separate mutation and always wins over this.
 */
export function routeIssue(input: RouteIssueInput): IssueRoute {
  requireTimeZone(input.timeZone);
  const urgency = effectiveUrgency(input.category, input.urgency);
  const serviceLineId = Object.hasOwn(input.categoryServiceLine, input.category)
    ? (input.categoryServiceLine[input.category] ?? null)
    : null;
  const visit =
    serviceLineId === null
      ? null
      : pickNextCrewVisit(
          input.schedules.filter((s) => s.serviceLineId === serviceLineId),
          input.createdAt,
          input.timeZone,
        );
  const nextVisit = visit?.nextVisitDate ?? null;
  return {
    serviceLineId,
    crewId: visit?.crewId ?? null,
    status: visit ? 'ASSIGNED' : 'OPEN',
    urgency,
    dueAt: issueDueAt({ urgency, createdAt: input.createdAt, nextVisitDate: nextVisit, timeZone: input.timeZone }),
    nextVisitDate: nextVisit,
  };
}

/** Past due and still not RESOLVED/VERIFIED. Due exactly now is not yet overdue. */
export function isOverdue(issue: { status: IssueStatus; dueAt: Date | string | null | undefined }, now: Date): boolean {
  if (issue.dueAt === null || issue.dueAt === undefined) return false;
  if (!isOpenIssueStatus(issue.status)) return false;
  const due = issue.dueAt instanceof Date ? issue.dueAt.getTime() : Date.parse(issue.dueAt);
  return !Number.isNaN(due) && now.getTime() > due;
}
