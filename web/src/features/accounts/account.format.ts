import { SITE_WALK_TIER_INTERVAL_DAYS, daysUntilDate, siteWalkDue, type SiteWalkTier } from '@groundwork/shared';
import { formatDayOffset } from '../../ui/date.format';

export type Tone = 'red' | 'orange' | 'gray';

export type RenewalDescription = { days: number; label: string; tone: Tone };

/**
 * How close a renewal is. Within 180 days is when renewal risk starts to
 * count (DESIGN §2), so that is where the warning colour begins; within 30
 * days, or already past, is urgent.
 */
export function describeRenewal(renewalDate: string, now: Date, timeZone: string): RenewalDescription {
  const days = daysUntilDate(renewalDate, now, timeZone);
  const label = days < 0 ? `lapsed ${formatDayOffset(days)}` : formatDayOffset(days);
  const tone: Tone = days <= 30 ? 'red' : days <= 180 ? 'orange' : 'gray';
  return { days, label, tone };
}

const TIER_CADENCE: Record<number, string> = { 7: 'weekly', 14: 'every 2 weeks', 30: 'monthly' };

/** "Tier A — weekly site walks" */
export function describeTier(tier: SiteWalkTier): string {
  const interval = SITE_WALK_TIER_INTERVAL_DAYS[tier];
  return `Tier ${tier} — ${TIER_CADENCE[interval] ?? `every ${interval} days`} site walks`;
}

/**
 * Whether the last site walk is older than the tier's cadence allows (or there
 * never was one), so the table can flag accounts that are not being walked.
 */
export function isSiteWalkLate(
  tier: SiteWalkTier,
  lastSiteWalkAt: string | null,
  now: Date,
  timeZone: string,
): boolean {
  return siteWalkDue(tier, lastSiteWalkAt, now, timeZone).late;
}

/** "1 issue", "3 issues": counts in prose read as prose. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
