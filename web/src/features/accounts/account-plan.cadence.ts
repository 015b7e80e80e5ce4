import { daysSinceDate } from '@groundwork/shared';

// The account-plan cadence is the health model's (DESIGN §2): the number of
// days after which a monthly review or quarterly update starts costing points
// comes from the server's health configuration (useHealthThresholds), never
// from here.

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
