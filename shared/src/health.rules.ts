import {
  HEALTH_BAND_LABELS,
  ISSUE_CATEGORY_LABELS,
  ISSUE_URGENCY_LABELS,
  type HealthBand,
  type RenewalRisk,
} from './enums.js';
import type { HealthCategoryKey, HealthConfig } from './health.config.js';
import { formatUsd, plural } from './text.rules.js';

/**
 * What the database knows about one account, already aggregated (the server
 * gathers these for the whole portfolio in a few set-based statements). A
 * null means "no data": the metric is left out and the weights renormalised.
 */
export type HealthFacts = {
  propertyCount: number;
  /** Routine Issues of the activity window whose due date (next visit) has come, and how many were resolved by it. */
  routineDue: number;
  routineOnTime: number;
  /** Median age in days of the open Issues; null when none is open. */
  openIssueMedianAgeDays: number | null;
  overdueOpenIssues: number;
  /** Issues of the window repeating an earlier one (same property and category, within the radius and days). */
  repeatIssues: number;
  /** Completed site walks in the activity window, and the walks the tier's cadence expects in it. */
  siteWalks: number;
  expectedSiteWalks: number;
  latestPulse: number | null;
  latestPulseAgeDays: number | null;
  /** Issues raised in the window, and how many of them the customer raised. */
  issuesRaised: number;
  customerRaised: number;
  /** Days since the last review of each kind, or since the contract started when there was none. */
  daysSinceMonthlyReview: number;
  daysSinceQuarterlyUpdate: number;
  approvedEnhancementValue: number;
  annualValue: number;
  /** Hours the oldest open URGENT / SAFETY Issue has been open; null when there is none. */
  oldestOpenUrgentHours: number | null;
  oldestOpenSafetyHours: number | null;
};

export type HealthMetricKey = {
  [C in HealthCategoryKey]: `${C}.${keyof HealthConfig['categories'][C]['metrics'] & string}`;
}[HealthCategoryKey];

export type HealthFlagKey = 'URGENT_OPEN_TOO_LONG' | 'SAFETY_OPEN_TOO_LONG';

export type HealthMetricResult = {
  key: HealthMetricKey;
  label: string;
  weight: number;
  /** The measured value (in the metric's unit); null when there is no data. */
  value: number | null;
  /** 0–100, null when there is no data. */
  score: number | null;
  /** Points of the overall 100 this metric earned and missed (0 without data). */
  pointsEarned: number;
  pointsMissed: number;
  detail: string;
};

export type HealthCategoryResult = {
  key: HealthCategoryKey;
  label: string;
  weight: number;
  score: number | null;
  pointsEarned: number;
  pointsMissed: number;
  detail: string;
  metrics: HealthMetricResult[];
};

export type HealthFlag = { key: HealthFlagKey; label: string };

export type HealthResult = {
  /** Whole points 0–100 (half points round up: 74.5 → 75). */
  score: number;
  /** Unrounded, for the explanation. */
  exactScore: number;
  band: HealthBand;
  /** The band the score alone would give (differs when a hard flag caps it). */
  scoreBand: HealthBand;
  flags: HealthFlag[];
  categories: HealthCategoryResult[];
  /** The metrics costing the most points, most first (only those missing any). */
  costliest: HealthMetricResult[];
};

export const HEALTH_CATEGORY_LABELS: Readonly<Record<HealthCategoryKey, string>> = {
  responsiveness: 'Responsiveness',
  backlog: 'Backlog',
  engagement: 'Engagement',
  relationship: 'Relationship',
  accountPlan: 'Account plan',
  growth: 'Growth',
};

export const HEALTH_METRIC_LABELS: Readonly<Record<HealthMetricKey, string>> = {
  'responsiveness.routineOnTimePct': 'Routine Issues resolved by the next visit',
  'responsiveness.openIssueMedianAgeDays': 'Median age of open Issues',
  'backlog.overduePerProperty': 'Overdue open Issues per property',
  'backlog.repeatPerProperty': 'Repeat Issues per property',
  'engagement.siteWalkCadencePct': 'Site walks vs the tier cadence',
  'relationship.latestPulse': 'Latest relationship pulse',
  'relationship.customerRaisedPct': 'Issues raised by the customer',
  'accountPlan.daysSinceMonthlyReview': 'Days since the monthly plan review',
  'accountPlan.daysSinceQuarterlyUpdate': 'Days since the quarterly plan update',
  'growth.approvedEnhancementPct': 'Approved Enhancements vs contract value',
};

export const HEALTH_FLAG_LABELS: Readonly<Record<HealthFlagKey, string>> = {
  URGENT_OPEN_TOO_LONG: `An ${ISSUE_URGENCY_LABELS.URGENT.toLowerCase()} Issue has been open too long`,
  SAFETY_OPEN_TOO_LONG: `A ${ISSUE_CATEGORY_LABELS.SAFETY.toLowerCase()} Issue has been open too long`,
};

/** Rounds away float noise first, so 74.4999999 computed from 74.5 still rounds to 75. */
function roundScore(value: number): number {
  return Math.round(Math.round(value * 1e6) / 1e6);
}

const one = (n: number) => Math.round(n * 10) / 10;
const daysAgo = (days: number) => (days === 0 ? 'today' : `${plural(days, 'day')} ago`);

/** 100 at `good`, 0 at `poor`, linear between, clamped; works whichever way round the thresholds are. */
export function metricScore(value: number, good: number, poor: number): number {
  const t = (value - poor) / (good - poor);
  return Math.min(100, Math.max(0, t * 100));
}

/** Band of a whole-point score. */
export function bandOf(score: number, bands: HealthConfig['bands']): HealthBand {
  if (score >= bands.healthy) return 'HEALTHY';
  if (score >= bands.watch) return 'WATCH';
  return 'AT_RISK';
}

const ratio = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

/** Each metric's measured value and a sentence saying what it is. */
function measure(facts: HealthFacts, config: HealthConfig): Record<HealthMetricKey, [number | null, string]> {
  const w = config.windows;
  const perProperty = (n: number) => (facts.propertyCount > 0 ? n / facts.propertyCount : null);
  const onTime = ratio(facts.routineOnTime, facts.routineDue);
  const cadence = ratio(facts.siteWalks, facts.expectedSiteWalks);
  const pulseFresh = facts.latestPulse !== null && (facts.latestPulseAgeDays ?? Infinity) <= w.pulseMaxAgeDays;
  const customer = ratio(facts.customerRaised, facts.issuesRaised);
  const growth = ratio(facts.approvedEnhancementValue, facts.annualValue);
  const overdue = perProperty(facts.overdueOpenIssues);
  const repeat = perProperty(facts.repeatIssues);
  return {
    'responsiveness.routineOnTimePct': [
      onTime,
      onTime === null
        ? `No routine Issue came due in the last ${w.activityDays} days`
        : `${facts.routineOnTime} of ${plural(facts.routineDue, 'routine Issue')} resolved by the next visit (${one(onTime)} %)`,
    ],
    'responsiveness.openIssueMedianAgeDays': [
      facts.openIssueMedianAgeDays,
      facts.openIssueMedianAgeDays === null
        ? 'No open Issues'
        : `Open Issues are ${plural(one(facts.openIssueMedianAgeDays), 'day')} old (median)`,
    ],
    'backlog.overduePerProperty': [
      overdue,
      overdue === null
        ? 'No properties'
        : `${plural(facts.overdueOpenIssues, 'overdue open Issue')} on ${plural(facts.propertyCount, 'property', 'properties')}`,
    ],
    'backlog.repeatPerProperty': [
      repeat,
      repeat === null
        ? 'No properties'
        : `${plural(facts.repeatIssues, 'repeat Issue')} (same category within ${w.repeatRadiusM} m) on ${plural(facts.propertyCount, 'property', 'properties')} in ${w.activityDays} days`,
    ],
    'engagement.siteWalkCadencePct': [
      cadence,
      cadence === null
        ? 'No site walks expected'
        : `${plural(facts.siteWalks, 'site walk')} of ${one(facts.expectedSiteWalks)} expected in ${w.activityDays} days (${one(cadence)} %)`,
    ],
    'relationship.latestPulse': [
      pulseFresh ? facts.latestPulse : null,
      facts.latestPulse === null
        ? 'No relationship pulse recorded'
        : pulseFresh
          ? `Latest pulse ${facts.latestPulse} of 5, ${daysAgo(Math.floor(facts.latestPulseAgeDays ?? 0))}`
          : `Latest pulse is older than ${w.pulseMaxAgeDays} days (ignored)`,
    ],
    'relationship.customerRaisedPct': [
      customer,
      customer === null
        ? `No Issues raised in ${w.activityDays} days`
        : `${facts.customerRaised} of ${plural(facts.issuesRaised, 'Issue')} raised by the customer (${one(customer)} %)`,
    ],
    'accountPlan.daysSinceMonthlyReview': [
      facts.daysSinceMonthlyReview,
      `Last monthly review ${daysAgo(facts.daysSinceMonthlyReview)}`,
    ],
    'accountPlan.daysSinceQuarterlyUpdate': [
      facts.daysSinceQuarterlyUpdate,
      `Last quarterly update ${daysAgo(facts.daysSinceQuarterlyUpdate)}`,
    ],
    'growth.approvedEnhancementPct': [
      growth,
      growth === null
        ? 'No contract value'
        : `${formatUsd(facts.approvedEnhancementValue)} approved in ${w.growthDays} days, ${one(growth)} % of the contract value`,
    ],
  };
}

/**
 * Scores one account (DESIGN §2 "Account health"): each metric 0–100 between
 * its thresholds; a category is the weighted mean of its metrics with data;
 * the score is the weighted mean of categories with data (missing data is
 * left out, weights renormalised, never counted as zero). Points earned and
 * missed are shares of the overall 100, so a category's points add up to its
 * renormalised weight and all points earned add up to the score. Hard flags
 * cap the band at AT_RISK whatever the score.
 */
export function computeHealth(facts: HealthFacts, config: HealthConfig): HealthResult {
  const measured = measure(facts, config);
  const categoryKeys = Object.keys(config.categories) as HealthCategoryKey[];
  const partial = categoryKeys.map((key) => {
    const category = config.categories[key];
    const metrics = Object.entries(category.metrics).map(([name, m]) => {
      const metricKey = `${key}.${name}` as HealthMetricKey;
      const [value, detail] = measured[metricKey];
      return {
        key: metricKey,
        weight: m.weight,
        value,
        detail,
        score: value === null ? null : metricScore(value, m.good, m.poor),
      };
    });
    const withData = metrics.filter((m) => m.score !== null);
    const metricWeight = withData.reduce((s, m) => s + m.weight, 0);
    const score = withData.length ? withData.reduce((s, m) => s + m.weight * m.score!, 0) / metricWeight : null;
    return { key, weight: category.weight, score, metrics, metricWeight };
  });
  const totalWeight = partial.filter((c) => c.score !== null).reduce((s, c) => s + c.weight, 0);
  const exactScore = partial.reduce((s, c) => (c.score === null ? s : s + (c.weight * c.score) / totalWeight), 0);

  const categories: HealthCategoryResult[] = partial.map((c) => {
    const share = c.score === null ? 0 : (100 * c.weight) / totalWeight;
    const metrics: HealthMetricResult[] = c.metrics.map((m) => {
      const metricShare = m.score === null ? 0 : (share * m.weight) / c.metricWeight;
      const earned = m.score === null ? 0 : (metricShare * m.score) / 100;
      return {
        key: m.key,
        label: HEALTH_METRIC_LABELS[m.key],
        weight: m.weight,
        value: m.value,
        score: m.score,
        pointsEarned: earned,
        pointsMissed: metricShare - earned,
        detail: m.detail,
      };
    });
    const earned = c.score === null ? 0 : (share * c.score) / 100;
    return {
      key: c.key,
      label: HEALTH_CATEGORY_LABELS[c.key],
      weight: c.weight,
      score: c.score,
      pointsEarned: earned,
      pointsMissed: share - earned,
      detail:
        c.score === null
          ? 'No data: left out of the score'
          : `${one(earned)} of ${one(share)} points (${Math.round(c.score)} / 100)`,
      metrics,
    };
  });

  const flags: HealthFlag[] = [];
  if (facts.oldestOpenUrgentHours !== null && facts.oldestOpenUrgentHours > config.flags.urgentOpenHours) {
    flags.push({ key: 'URGENT_OPEN_TOO_LONG', label: HEALTH_FLAG_LABELS.URGENT_OPEN_TOO_LONG });
  }
  if (facts.oldestOpenSafetyHours !== null && facts.oldestOpenSafetyHours > config.flags.safetyOpenHours) {
    flags.push({ key: 'SAFETY_OPEN_TOO_LONG', label: HEALTH_FLAG_LABELS.SAFETY_OPEN_TOO_LONG });
  }

  const score = roundScore(exactScore);
  const scoreBand = bandOf(score, config.bands);
  const costliest = categories
    .flatMap((c) => c.metrics)
    .filter((m) => m.pointsMissed > 1e-9)
    .sort((a, b) => b.pointsMissed - a.pointsMissed || a.key.localeCompare(b.key))
    .slice(0, config.costliestMetrics);
  return { score, exactScore, band: flags.length ? 'AT_RISK' : scoreBand, scoreBand, flags, categories, costliest };
}

export type RenewalInput = {
  /** Days from today to the renewal date (negative when it has passed without renewing). */
  daysToRenewal: number;
  band: HealthBand;
  /** Score now minus the snapshot `trendDays` ago; null when there is no such snapshot. */
  trend: number | null;
  /** Days since the last completed site walk; null when there never was one. */
  daysSinceLastWalk: number | null;
};

/**
 * DESIGN §2 "Renewal risk". HIGH: renewal within the horizon and (AT_RISK or
 * trend ≤ the drop). MEDIUM: renewal within the horizon and WATCH, or renewal
 * within the shorter horizon with no site walk recently. Otherwise LOW. A
 * renewal date already passed counts as within every horizon: the contract
 * is due and not renewed.
 */
export function renewalRisk(input: RenewalInput, config: HealthConfig): RenewalRisk {
  const r = config.renewal;
  const within = input.daysToRenewal <= r.horizonDays;
  if (within && (input.band === 'AT_RISK' || (input.trend !== null && input.trend <= r.trendDrop))) return 'HIGH';
  if (within && input.band === 'WATCH') return 'MEDIUM';
  const noRecentWalk = input.daysSinceLastWalk === null || input.daysSinceLastWalk > r.noWalkDays;
  if (input.daysToRenewal <= r.noWalkHorizonDays && noRecentWalk) return 'MEDIUM';
  return 'LOW';
}

export type RenewalReasonsInput = {
  daysToRenewal: number;
  band: HealthBand;
  trend: number | null;
  daysSinceLastWalk: number | null;
  flags: readonly HealthFlag[];
  /** The costliest metrics' sentences, costliest first. */
  costliestDetails: readonly string[];
};

/**
 * Why the renewal risk is what it is, most important first, in words for
 * account managers. The renewal date and the days left are shown beside the
 * reasons wherever they appear, so they are not repeated here.
 */
export function renewalReasons(input: RenewalReasonsInput, config: HealthConfig): string[] {
  const r = config.renewal;
  const reasons: string[] = [];
  if (input.band !== 'HEALTHY') reasons.push(`Health: ${HEALTH_BAND_LABELS[input.band]}`);
  if (input.trend !== null && input.trend <= r.trendDrop) {
    reasons.push(`Score fell ${plural(-input.trend, 'point')} in ${config.windows.trendDays} days`);
  }
  const sinceWalk = input.daysSinceLastWalk;
  if (input.daysToRenewal <= r.noWalkHorizonDays && (sinceWalk === null || sinceWalk > r.noWalkDays)) {
    reasons.push(sinceWalk === null ? 'No site walk on record' : `No site walk in ${plural(sinceWalk, 'day')}`);
  }
  for (const flag of input.flags) reasons.push(flag.label);
  reasons.push(...input.costliestDetails.slice(0, 2));
  return reasons;
}

/**
 * Key accounts: the smallest set of accounts, largest first, whose annual
 * value reaches `share` of the total. Ties in value keep the given order, so
 * pass accounts in a stable order (e.g. by name). Empty when the total is 0.
 */
export function selectKeyAccounts<T extends { annualValue: number }>(accounts: readonly T[], share: number): T[] {
  const total = accounts.reduce((s, a) => s + a.annualValue, 0);
  if (total <= 0) return [];
  const sorted = accounts.map((a, i) => ({ a, i })).sort((x, y) => y.a.annualValue - x.a.annualValue || x.i - y.i);
  const chosen: T[] = [];
  let sum = 0;
  for (const { a } of sorted) {
    if (sum >= share * total) break;
    chosen.push(a);
    sum += a.annualValue;
  }
  return chosen;
}

export type PortfolioEntry = { annualValue: number; score: number; band: HealthBand; risk: RenewalRisk };

export type PortfolioTotals = {
  accountCount: number;
  totalAnnualValue: number;
  /** Σ value × score ÷ Σ value; null when the total value is 0. */
  revenueWeightedHealth: number | null;
  bandCounts: Record<HealthBand, number>;
  riskCounts: Record<RenewalRisk, number>;
  /** Annual value of HIGH-risk renewals (MEDIUM reported beside it). */
  revenueAtRisk: number;
  mediumRevenueAtRisk: number;
};

/** The executive totals over a set of scored accounts. */
export function summarizePortfolio(entries: readonly PortfolioEntry[]): PortfolioTotals {
  const bandCounts: Record<HealthBand, number> = { HEALTHY: 0, WATCH: 0, AT_RISK: 0 };
  const riskCounts: Record<RenewalRisk, number> = { LOW: 0, MEDIUM: 0, HIGH: 0 };
  let total = 0;
  let weighted = 0;
  let high = 0;
  let medium = 0;
  for (const e of entries) {
    bandCounts[e.band]++;
    riskCounts[e.risk]++;
    total += e.annualValue;
    weighted += e.annualValue * e.score;
    if (e.risk === 'HIGH') high += e.annualValue;
    if (e.risk === 'MEDIUM') medium += e.annualValue;
  }
  return {
    accountCount: entries.length,
    totalAnnualValue: total,
    revenueWeightedHealth: total > 0 ? weighted / total : null,
    bandCounts,
    riskCounts,
    revenueAtRisk: high,
    mediumRevenueAtRisk: medium,
  };
}
