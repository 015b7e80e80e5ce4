import type { RenewalRisk } from '@groundwork/shared';

export const RENEWAL_RISK_LABELS: Readonly<Record<RenewalRisk, string>> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

/**
 * "+6", "−12", "±0" for a 30-day trend in points; an em dash when there is no
 * snapshot 30 days back (a new account), which is not the same as no change.
 */
export function formatTrend(trend: number | null | undefined): string {
  if (trend == null) return '—';
  if (trend === 0) return '±0';
  // A real minus sign: it lines up with the plus in tabular figures.
  return trend > 0 ? `+${trend}` : `−${Math.abs(trend)}`;
}

/** The colour a trend reads in: a drop of 10 or more is what makes a renewal HIGH risk (DESIGN §2). */
export function trendTone(trend: number | null | undefined): 'red' | 'orange' | 'green' | 'dimmed' {
  if (trend == null || trend === 0) return 'dimmed';
  if (trend <= -10) return 'red';
  return trend < 0 ? 'orange' : 'green';
}

/** Points of 100, to one decimal only when it is not whole: "12", "7.5". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * The ranking key for key accounts: annual value weighted by health, so a
 * large account in poor health ranks below an equally large healthy one and
 * the figure adds up to the revenue-weighted health of the book.
 */
export function healthWeightedValue(annualValue: number, score: number | null | undefined): number {
  return score == null ? 0 : (annualValue * score) / 100;
}

const shortDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 3" for a calendar day ("YYYY-MM-DD"), for chart axes. */
export function formatShortDate(date: string): string {
  return shortDate.format(new Date(`${date}T00:00:00Z`));
}
