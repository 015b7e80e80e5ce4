import { addDaysToDate, companyToday, daysBetweenDates, localDateOf } from './calendar.rules.js';
import { SITE_WALK_TIER_INTERVAL_DAYS, type SiteWalkTier } from './enums.js';

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
