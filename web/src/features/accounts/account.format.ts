import {
  SITE_WALK_TIER_INTERVAL_DAYS,
  siteWalkDue,
  type HealthThresholds,
  type SiteWalkTier,
} from '@groundwork/shared';
import { formatDayOffset } from '../../ui/date.format';

export type Tone = 'red' | 'orange' | 'gray';

export type RenewalDescription = { days: number; label: string; tone: Tone };

/**
 * How close a renewal is, from the server's count of company days
 * (`daysToRenewal`, the same on the account and in its health). The colours
 * follow the server's renewal horizons: orange within the horizon where
 * renewal risk counts, red within the shorter one or once lapsed.
 */
export function describeRenewal(
  days: number,
  thresholds: Pick<HealthThresholds, 'renewalHorizonDays' | 'renewalShortHorizonDays'>,
): RenewalDescription {
  const label = days < 0 ? `lapsed ${formatDayOffset(days)}` : formatDayOffset(days);
  const tone: Tone =
    days <= thresholds.renewalShortHorizonDays ? 'red' : days <= thresholds.renewalHorizonDays ? 'orange' : 'gray';
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
