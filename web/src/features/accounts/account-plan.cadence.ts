import { daysSinceDate } from '@groundwork/shared';

// The account-plan cadence from the health model (DESIGN §2): a monthly
// review within 35 days and a quarterly update within 100 days. The slack over
// 30/90 days lets a review slip a few days without turning the plan red.
export const MONTHLY_REVIEW_MAX_DAYS = 35;
export const QUARTERLY_UPDATE_MAX_DAYS = 100;

export type CadenceStatus = {
  /** Days since the last one, or null when there has never been one. */
  daysAgo: number | null;
  /** Never done, or done longer ago than the cadence allows. */
  overdue: boolean;
};

export function cadenceStatus(lastDate: string | null, maxDays: number, now: Date, timeZone: string): CadenceStatus {
  if (!lastDate) return { daysAgo: null, overdue: true };
  const daysAgo = daysSinceDate(lastDate, now, timeZone);
  return { daysAgo, overdue: daysAgo > maxDays };
}
