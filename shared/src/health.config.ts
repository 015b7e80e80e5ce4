import { z } from 'zod';

// Account health is configuration, not code (DESIGN §2): every weight and
// threshold below can be replaced by a validated file. A metric scores 100 at
// `good` and 0 at `poor`, linear between and clamped, whichever way round they
// are (so "lower is better" metrics simply have good < poor).

const metricSchema = z
  .object({
    weight: z.number().positive('must be a positive number'),
    good: z.number().finite(),
    poor: z.number().finite(),
  })
  .strict()
  .refine((m) => m.good !== m.poor, { message: 'good and poor must differ', path: ['poor'] });

const category = <M extends Record<string, typeof metricSchema>>(metrics: M) =>
  z.object({ weight: z.number().positive('must be a positive number'), metrics: z.object(metrics).strict() }).strict();

const days = z.number().int().min(1).max(3650);

export const healthConfigSchema = z
  .object({
    categories: z
      .object({
        responsiveness: category({ routineOnTimePct: metricSchema, openIssueMedianAgeDays: metricSchema }),
        backlog: category({ overduePerProperty: metricSchema, repeatPerProperty: metricSchema }),
        engagement: category({ siteWalkCadencePct: metricSchema }),
        relationship: category({ latestPulse: metricSchema, customerRaisedPct: metricSchema }),
        accountPlan: category({ daysSinceMonthlyReview: metricSchema, daysSinceQuarterlyUpdate: metricSchema }),
        growth: category({ approvedEnhancementPct: metricSchema }),
      })
      .strict(),
    bands: z
      .object({ healthy: z.number().min(0).max(100), watch: z.number().min(0).max(100) })
      .strict()
      .refine((b) => b.healthy > b.watch, { message: 'healthy must be above watch', path: ['healthy'] }),
    flags: z.object({ urgentOpenHours: z.number().positive(), safetyOpenHours: z.number().positive() }).strict(),
    windows: z
      .object({
        /** Look-back of the Issue and site-walk metrics. */
        activityDays: days,
        /** A pulse older than this is ignored. */
        pulseMaxAgeDays: days,
        /** Look-back of approved Enhancement value. */
        growthDays: days,
        /** Repeat Issues: same category within this many metres … */
        repeatRadiusM: z.number().positive().max(1000),
        /** … and within this many days of the earlier one. */
        repeatDays: days,
        /** Trend = score now − the snapshot this many days ago. */
        trendDays: days,
      })
      .strict(),
    renewal: z
      .object({
        horizonDays: days,
        trendDrop: z.number().max(0, 'must be zero or negative'),
        noWalkHorizonDays: days,
        noWalkDays: days,
      })
      .strict(),
    keyAccountShare: z.number().gt(0).max(1),
    /** How many of the costliest metrics the explanation lists. */
    costliestMetrics: z.number().int().min(1).max(11),
  })
  .strict();

export type HealthConfig = z.infer<typeof healthConfigSchema>;
export type HealthCategoryKey = keyof HealthConfig['categories'];

/** DESIGN §2's table, as configuration. "Within 35 days" is 100 up to 35 days and 0 from 36 (days are whole). */
export const DEFAULT_HEALTH_CONFIG: HealthConfig = {
  categories: {
    responsiveness: {
      weight: 25,
      metrics: {
        routineOnTimePct: { weight: 1, good: 85, poor: 60 },
        openIssueMedianAgeDays: { weight: 1, good: 7, poor: 30 },
      },
    },
    backlog: {
      weight: 20,
      metrics: {
        overduePerProperty: { weight: 1, good: 0, poor: 3 },
        repeatPerProperty: { weight: 1, good: 0, poor: 2 },
      },
    },
    engagement: { weight: 15, metrics: { siteWalkCadencePct: { weight: 1, good: 90, poor: 50 } } },
    relationship: {
      weight: 20,
      metrics: {
        latestPulse: { weight: 1, good: 5, poor: 2 },
        customerRaisedPct: { weight: 1, good: 10, poor: 50 },
      },
    },
    accountPlan: {
      weight: 10,
      metrics: {
        daysSinceMonthlyReview: { weight: 1, good: 35, poor: 36 },
        daysSinceQuarterlyUpdate: { weight: 1, good: 100, poor: 101 },
      },
    },
    growth: { weight: 10, metrics: { approvedEnhancementPct: { weight: 1, good: 15, poor: 3 } } },
  },
  bands: { healthy: 75, watch: 50 },
  flags: { urgentOpenHours: 48, safetyOpenHours: 24 },
  windows: { activityDays: 90, pulseMaxAgeDays: 90, growthDays: 365, repeatRadiusM: 25, repeatDays: 90, trendDays: 30 },
  renewal: { horizonDays: 180, trendDrop: -10, noWalkHorizonDays: 90, noWalkDays: 30 },
  keyAccountShare: 0.8,
  costliestMetrics: 3,
};

export class HealthConfigError extends Error {
  override name = 'HealthConfigError';
}

/**
 * Validates a health configuration. Every key is required (a partial file
 * would silently mix with defaults); the error lists each bad key by its path,
 * e.g. `categories.backlog.metrics.overduePerProperty.poor: good and poor must differ`.
 */
export function parseHealthConfig(value: unknown, source = 'health configuration'): HealthConfig {
  const parsed = healthConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const key = [...i.path, ...('keys' in i && Array.isArray(i.keys) ? [i.keys.join(', ')] : [])].join('.');
    return `  ${key || '(root)'}: ${i.message}`;
  });
  throw new HealthConfigError(`Invalid ${source}:\n${lines.join('\n')}`);
}

/**
 * The health thresholds the screens state in words ("due every 35 days", "renewing within 180 days"),
 * taken from the configuration the score is computed with, so a screen never contradicts the score.
 * The server hands these to the web (GET /config.json); nothing on the web re-types them.
 */
export type HealthThresholds = {
  /** A monthly plan review older than this many days starts costing points. */
  monthlyReviewMaxDays: number;
  /** A quarterly plan update older than this many days starts costing points. */
  quarterlyUpdateMaxDays: number;
  /** Renewal risk counts within this many days of the renewal date. */
  renewalHorizonDays: number;
  /** The shorter horizon within which no recent site walk alone makes the risk MEDIUM. */
  renewalShortHorizonDays: number;
  /** A fall of this many points (a negative number) over `trendDays` makes a renewing account HIGH risk. */
  renewalTrendDrop: number;
  /** The trend is the score now minus the score this many days ago. */
  trendDays: number;
};

export function healthThresholds(config: HealthConfig): HealthThresholds {
  const plan = config.categories.accountPlan.metrics;
  return {
    monthlyReviewMaxDays: plan.daysSinceMonthlyReview.good,
    quarterlyUpdateMaxDays: plan.daysSinceQuarterlyUpdate.good,
    renewalHorizonDays: config.renewal.horizonDays,
    renewalShortHorizonDays: config.renewal.noWalkHorizonDays,
    renewalTrendDrop: config.renewal.trendDrop,
    trendDays: config.windows.trendDays,
  };
}

const healthThresholdsSchema = z.object({
  monthlyReviewMaxDays: z.number().finite(),
  quarterlyUpdateMaxDays: z.number().finite(),
  renewalHorizonDays: z.number().finite(),
  renewalShortHorizonDays: z.number().finite(),
  renewalTrendDrop: z.number().finite(),
  trendDays: z.number().finite(),
}) satisfies z.ZodType<HealthThresholds>;

/** The thresholds as the web reads them from /config.json; null when absent or malformed. */
export function parseHealthThresholds(value: unknown): HealthThresholds | null {
  const parsed = healthThresholdsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
