import { badInput } from './errors.js';
import { localDateOf, startOfLocalDay } from './calendar.rules.js';
import { SITE_WALK_TIER_INTERVAL_DAYS, type SiteWalkTier } from './enums.js';

/** What a KPI table has one row per. */
export const KPI_DIMENSIONS = ['ACCOUNT_MANAGER', 'CREW', 'ACCOUNT'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** The figures a KPI table shows; each opens the records behind it. */
export const KPI_METRICS = [
  'FIXED_BY_NEXT_VISIT',
  'TIME_TO_FIX',
  'OVERDUE',
  'FIRST_TIME_RIGHT',
  'WALK_COMPLIANCE',
  'ENHANCEMENT_CONVERSION',
  'APPROVED_VALUE',
  'PLAN_CADENCE',
  'SAFETY',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

/** The kinds of record behind a figure. */
export const KPI_RECORD_KINDS = ['ISSUE', 'ENHANCEMENT', 'ACCOUNT'] as const;
export type KpiRecordKind = (typeof KPI_RECORD_KINDS)[number];

/** Months in a trend, the selected one last. */
export const KPI_TREND_MONTHS = 12;
/** Rows a table sends at most (an executive's per-account table is narrowed by a manager or a crew first). */
export const KPI_ROW_LIMIT = 300;
/** Records behind one figure sent at most (the total is always given). */
export const KPI_RECORD_LIMIT = 200;

export interface KpiMetricInfo {
  label: string;
  /** What the figure counts, in one sentence (the page's explanation and the records list's heading). */
  means: string;
  records: KpiRecordKind;
  /** Whether a crew has this figure: crews carry Issues, not walks, Enhancements or plans. */
  crews: boolean;
}

export const KPI_METRIC_INFO: Readonly<Record<KpiMetric, KpiMetricInfo>> = {
  FIXED_BY_NEXT_VISIT: {
    label: 'Fixed by next visit',
    means: 'Routine Issues due in the month (the crew’s next visit) that were resolved by their due time.',
    records: 'ISSUE',
    crews: true,
  },
  TIME_TO_FIX: {
    label: 'Time to fix',
    means: 'Median time from report to resolution of the Issues resolved in the month, routine and urgent apart.',
    records: 'ISSUE',
    crews: true,
  },
  OVERDUE: {
    label: 'Overdue',
    means: 'Issues open and past their due time at the end of the month (now, for this month).',
    records: 'ISSUE',
    crews: true,
  },
  FIRST_TIME_RIGHT: {
    label: 'First-time right',
    means: 'Issues resolved in the month that were never reopened.',
    records: 'ISSUE',
    crews: true,
  },
  WALK_COMPLIANCE: {
    label: 'Walk compliance',
    means:
      'Site walks done against each account’s tier cadence in the month; walking one account more does not make up for another.',
    records: 'ACCOUNT',
    crews: false,
  },
  ENHANCEMENT_CONVERSION: {
    label: 'Enhancements',
    means: 'Enhancements identified in the month, how many were qualified (interest and budget) and how many approved.',
    records: 'ENHANCEMENT',
    crews: false,
  },
  APPROVED_VALUE: {
    label: 'Approved value',
    means:
      'Value of the Enhancements approved in the month; the share is the last 12 months’ approved value over the annual contract value.',
    records: 'ENHANCEMENT',
    crews: false,
  },
  PLAN_CADENCE: {
    label: 'Plan cadence',
    means: 'Accounts whose plan had a review in the month, and a quarterly update in the three months ending it.',
    records: 'ACCOUNT',
    crews: false,
  },
  SAFETY: {
    label: 'Safety',
    means: 'Safety Issues open at the end of the month, and the median time to fix those resolved in it.',
    records: 'ISSUE',
    crews: true,
  },
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** A `YYYY-MM` month from client input, or INVALID_INPUT naming the field. */
export function requireMonth(value: unknown, field: string): string {
  if (!isMonth(value)) throw badInput(field, 'must be a month as YYYY-MM');
  return value;
}

/** The company month (`YYYY-MM`) an instant falls in. */
export function monthOf(instant: Date, timeZone: string): string {
  return localDateOf(instant, timeZone).slice(0, 7);
}

/** The month `n` months after (or before, when negative) a month. */
export function addMonths(month: string, n: number): string {
  const [, y, m] = MONTH.exec(month)!;
  const index = Number(y) * 12 + Number(m) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `last`, oldest first. */
export function trendMonths(last: string, count = KPI_TREND_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

export interface MonthWindow {
  month: string;
  /** The company's midnight starting the month. */
  start: Date;
  /** The company's midnight starting the next month. */
  end: Date;
  /** What the month's figures are read at: its end, or now for the month under way. */
  asOf: Date;
}

/**
 * A company month as instants. A month not yet begun has `asOf` = `start`
 * (nothing is counted in it); the month under way is read up to now.
 */
export function monthWindow(month: string, now: Date, timeZone: string): MonthWindow {
  const start = startOfLocalDay(`${month}-01`, timeZone);
  const end = startOfLocalDay(`${addMonths(month, 1)}-01`, timeZone);
  const asOf = new Date(Math.min(end.getTime(), Math.max(start.getTime(), now.getTime())));
  return { month, start, end, asOf };
}

/**
 * Walks an account of the tier owes in a stretch of days: one per tier
 * interval (weekly, fortnightly, monthly), pro rata.
 */
export function expectedWalks(tier: SiteWalkTier, days: number): number {
  return days / SITE_WALK_TIER_INTERVAL_DAYS[tier];
}

/**
 * Compliance of a set of accounts: walks done, each account's capped at what
 * it owed, over what they owed together; null when nothing was owed.
 */
export function walkCompliance(accounts: readonly { done: number; expected: number }[]): number | null {
  const expected = accounts.reduce((sum, a) => sum + a.expected, 0);
  if (expected <= 0) return null;
  return accounts.reduce((sum, a) => sum + Math.min(a.done, a.expected), 0) / expected;
}

/** A share, or null ("—") when there is nothing to divide by — never 0 for no data. */
export function kpiShare(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
