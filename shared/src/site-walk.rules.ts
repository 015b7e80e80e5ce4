import { addDaysToDate, companyToday, daysBetweenDates, localDateOf } from './calendar.rules.js';
import { SITE_WALK_TIER_INTERVAL_DAYS, type SiteWalkTier } from './enums.js';
import { plural } from './text.rules.js';

export interface SiteWalkDue {
  /** The company day the next walk is due: the tier's interval after the last walk, or today if never walked. */
  dueDate: string;
  /** Days from today to that day: 0 today, negative when overdue. */
  daysLeft: number;
  /** Overdue: the last walk is older than the tier's cadence allows (or there never was one). */
  late: boolean;
}

/** When a property (or account) of this tier should next be walked, in the company's days. */
export function siteWalkDue(
  tier: SiteWalkTier,
  lastWalkAt: Date | string | null,
  now: Date,
  timeZone: string,
): SiteWalkDue {
  const today = companyToday(now, timeZone);
  if (lastWalkAt === null) return { dueDate: today, daysLeft: 0, late: true };
  const last = localDateOf(lastWalkAt instanceof Date ? lastWalkAt : new Date(lastWalkAt), timeZone);
  const dueDate = addDaysToDate(last, SITE_WALK_TIER_INTERVAL_DAYS[tier]);
  const daysLeft = daysBetweenDates(today, dueDate);
  return { dueDate, daysLeft, late: daysLeft < 0 };
}

/** What one walk captured, as counted by the server (the customer report reuses it). */
export interface SiteWalkTally {
  issues: number;
  urgentIssues: number;
  enhancements: number;
  /** Distinct crews the walk's Issues were routed to. */
  crews: number;
}

/**
 * "7 Issues, 2 Enhancements, routed to 3 crews, 1 urgent": the clauses that
 * carry information only (no "routed to 0 crews", no "0 urgent").
 */
export function siteWalkSummary(tally: SiteWalkTally): string {
  const parts = [plural(tally.issues, 'Issue'), plural(tally.enhancements, 'Enhancement')];
  if (tally.crews > 0) parts.push(`routed to ${plural(tally.crews, 'crew')}`);
  if (tally.urgentIssues > 0) parts.push(`${tally.urgentIssues} urgent`);
  return parts.join(', ');
}
