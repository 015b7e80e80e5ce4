import { addDaysToDate, daysBetweenDates } from './calendar.rules.js';
import type { SiteWalkTier } from './enums.js';
import type { HealthThresholds } from './health.config.js';
import { siteWalkDue } from './site-walk.rules.js';

/** What falls due on an account manager's desk: the plan's cadence, walks by tier, late work, renewals. */
export const DUE_KINDS = ['MONTHLY_REVIEW', 'QUARTERLY_UPDATE', 'SITE_WALK', 'OVERDUE_ISSUES', 'RENEWAL'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** "This week": what is late, or due within the next 7 company days. */
export const DUE_HORIZON_DAYS = 7;
/** Renewals are listed this many company days ahead (time to act on a renewal, not just to notice it). */
export const DUE_RENEWAL_DAYS = 90;

/** One account's facts, read in one statement for every account in scope. */
export interface AccountDueFacts {
  tier: SiteWalkTier;
  contractStart: string;
  renewalDate: string;
  lastMonthlyReview: string | null;
  lastQuarterlyUpdate: string | null;
  lastWalkAt: Date | null;
  overdueIssues: number;
}

export interface DueItem {
  kind: DueKind;
  /** The company day it is due (for late Issues: today). */
  dueDate: string;
  /** Company days from today: negative when late. */
  daysLeft: number;
  /** Late Issues: how many. */
  count: number;
}

/**
 * What of one account is due this week or late, by the same measures as its health: a plan review
 * counts from the last one (or the contract's start), a walk from the last walk by the tier's cadence.
 */
export function accountDueItems(
  facts: AccountDueFacts,
  thresholds: Pick<HealthThresholds, 'monthlyReviewMaxDays' | 'quarterlyUpdateMaxDays'>,
  now: Date,
  today: string,
  timeZone: string,
): DueItem[] {
  const items: DueItem[] = [];
  const add = (kind: DueKind, dueDate: string, count = 0) => {
    const daysLeft = daysBetweenDates(today, dueDate);
    if (daysLeft <= DUE_HORIZON_DAYS) items.push({ kind, dueDate, daysLeft, count });
  };
  add('MONTHLY_REVIEW', addDaysToDate(facts.lastMonthlyReview ?? facts.contractStart, thresholds.monthlyReviewMaxDays));
  add(
    'QUARTERLY_UPDATE',
    addDaysToDate(facts.lastQuarterlyUpdate ?? facts.contractStart, thresholds.quarterlyUpdateMaxDays),
  );
  add('SITE_WALK', siteWalkDue(facts.tier, facts.lastWalkAt, now, timeZone).dueDate);
  if (facts.overdueIssues > 0) add('OVERDUE_ISSUES', today, facts.overdueIssues);
  const toRenewal = daysBetweenDates(today, facts.renewalDate);
  if (toRenewal >= 0 && toRenewal <= DUE_RENEWAL_DAYS) {
    items.push({ kind: 'RENEWAL', dueDate: facts.renewalDate, daysLeft: toRenewal, count: 0 });
  }
  return items;
}

/** Late first, then soonest; the kind breaks ties so the order is stable. */
export function compareDueItems(a: DueItem, b: DueItem): number {
  return a.daysLeft - b.daysLeft || DUE_KINDS.indexOf(a.kind) - DUE_KINDS.indexOf(b.kind);
}
