import { trendMonths, type KpiDimension, type KpiMetric } from '@groundwork/shared';

// How KPI figures read. A null figure means nothing was measured and reads
// "—", never 0.

export const NO_FIGURE = '—';

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Small numbers keep a decimal ("5.6"), larger ones read whole ("12"). */
function short(value: number): string {
  return (Math.abs(value) < 10 ? oneDecimal : whole).format(value);
}

/** A share (0–1) as "84 %". */
export function formatShare(share: number | null | undefined): string {
  return share == null ? NO_FIGURE : `${Math.round(share * 100)} %`;
}

/** A duration in hours: days from 48 h ("12 d", "2.5 d"), hours below ("5.6 h", "30 h"). */
export function formatHours(hours: number | null | undefined): string {
  if (hours == null) return NO_FIGURE;
  return hours >= 48 ? `${short(hours / 24)} d` : `${short(hours)} h`;
}

/** A count, "—" when the row cannot have it. */
export function formatNumber(value: number | null | undefined): string {
  return value == null ? NO_FIGURE : oneDecimal.format(value);
}

/** "21 of 25"; walks owed are fractional (pro rata), to one decimal. */
export function formatOutOf(part: number | null | undefined, whole: number | null | undefined): string | null {
  if (part == null || whole == null) return null;
  return `${oneDecimal.format(part)} of ${oneDecimal.format(whole)}`;
}

const monthNames = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Nov 2026"; the month under way reads "Dec 2026 (to date)". */
export function formatMonth(month: string, current: string): string {
  const label = monthNames.format(new Date(`${month}-01T00:00:00Z`));
  return month === current ? `${label} (to date)` : label;
}

/** Months one may pick, this one first: the last 24. */
export function monthChoices(current: string): { value: string; label: string }[] {
  return trendMonths(current, 24)
    .reverse()
    .map((month) => ({ value: month, label: formatMonth(month, current) }));
}

export const DIMENSION_LABELS: Record<KpiDimension, { many: string; one: string }> = {
  ACCOUNT_MANAGER: { many: 'Account managers', one: 'Account manager' },
  CREW: { many: 'Crews', one: 'Crew' },
  ACCOUNT: { many: 'Accounts', one: 'Account' },
};

/**
 * What a record's `good` says, per metric (null: the metric has no verdict
 * per record). The rule itself is the server's; this is only its wording.
 */
export const KPI_GOOD_LABELS: Readonly<Record<KpiMetric, { good: string; bad: string } | null>> = {
  FIXED_BY_NEXT_VISIT: { good: 'On time', bad: 'Late' },
  TIME_TO_FIX: null,
  OVERDUE: null,
  FIRST_TIME_RIGHT: { good: 'Never reopened', bad: 'Reopened' },
  WALK_COMPLIANCE: { good: 'Walked enough', bad: 'Short' },
  ENHANCEMENT_CONVERSION: { good: 'Approved', bad: 'Not approved' },
  APPROVED_VALUE: { good: 'Approved', bad: 'Not approved' },
  PLAN_CADENCE: { good: 'Reviewed', bad: 'Not reviewed' },
  SAFETY: { good: 'Fixed', bad: 'Open' },
};

/** What a record's date is, per metric (the server's `at`). */
export const KPI_AT_LABELS: Readonly<Record<KpiMetric, string | null>> = {
  FIXED_BY_NEXT_VISIT: 'Due',
  TIME_TO_FIX: 'Resolved',
  OVERDUE: 'Due',
  FIRST_TIME_RIGHT: 'Resolved',
  WALK_COMPLIANCE: null,
  ENHANCEMENT_CONVERSION: 'Identified',
  APPROVED_VALUE: 'Approved',
  PLAN_CADENCE: null,
  // Resolved in the month, or still open (then the date it was reported).
  SAFETY: null,
};
