import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG as C, HealthConfigError, parseHealthConfig } from './health.config.js';
import {
  bandOf,
  computeHealth,
  metricScore,
  renewalReasons,
  renewalRisk,
  selectKeyAccounts,
  summarizePortfolio,
  type HealthFacts,
  type HealthMetricKey,
} from './health.rules.js';

/** Every metric at its good threshold or better: a perfect account. */
const perfect: HealthFacts = {
  propertyCount: 2,
  routineDue: 20,
  routineOnTime: 20,
  openIssueMedianAgeDays: 3,
  overdueOpenIssues: 0,
  repeatIssues: 0,
  siteWalks: 7,
  expectedSiteWalks: 6.43,
  latestPulse: 5,
  latestPulseAgeDays: 10,
  issuesRaised: 20,
  customerRaised: 1,
  daysSinceMonthlyReview: 10,
  daysSinceQuarterlyUpdate: 40,
  approvedEnhancementValue: 20_000,
  annualValue: 100_000,
  oldestOpenUrgentHours: null,
  oldestOpenSafetyHours: null,
};

const metric = (facts: HealthFacts, key: HealthMetricKey) =>
  computeHealth(facts, C)
    .categories.flatMap((c) => c.metrics)
    .find((m) => m.key === key)!;

describe('metricScore', () => {
  it('is 100 at good, 0 at poor, linear between, clamped, either direction', () => {
    expect(metricScore(85, 85, 60)).toBe(100);
    expect(metricScore(60, 85, 60)).toBe(0);
    expect(metricScore(72.5, 85, 60)).toBe(50);
    expect(metricScore(99, 85, 60)).toBe(100);
    expect(metricScore(10, 85, 60)).toBe(0);
    // lower is better: 7 d good, 30 d poor; 18.5 d is halfway
    expect(metricScore(18.5, 7, 30)).toBe(50);
    expect(metricScore(2, 7, 30)).toBe(100);
  });
});

describe('computeHealth — each metric', () => {
  it('scores a perfect account 100 and HEALTHY', () => {
    const h = computeHealth(perfect, C);
    expect(h.score).toBe(100);
    expect(h.band).toBe('HEALTHY');
    expect(h.costliest).toEqual([]);
  });

  it('routine on time: 18 of 24 = 75 % → (75−60)/(85−60) = 60', () => {
    const m = metric({ ...perfect, routineDue: 24, routineOnTime: 18 }, 'responsiveness.routineOnTimePct');
    expect(m.value).toBe(75);
    expect(m.score).toBeCloseTo(60, 9);
    // responsiveness weighs 25 of 100, the metric half of it: 12.5 points, 60 % earned
    expect(m.pointsEarned).toBeCloseTo(7.5, 9);
    expect(m.pointsMissed).toBeCloseTo(5, 9);
  });

  it('median open age: 30 days or more scores 0', () => {
    expect(metric({ ...perfect, openIssueMedianAgeDays: 30 }, 'responsiveness.openIssueMedianAgeDays').score).toBe(0);
    expect(metric({ ...perfect, openIssueMedianAgeDays: 12.75 }, 'responsiveness.openIssueMedianAgeDays').score).toBe(
      75,
    );
  });

  it('overdue per property: 3 overdue on 2 properties = 1.5 → 50', () => {
    expect(metric({ ...perfect, overdueOpenIssues: 3 }, 'backlog.overduePerProperty').score).toBe(50);
  });

  it('repeat per property: 1 repeat on 2 properties = 0.5 → 75', () => {
    expect(metric({ ...perfect, repeatIssues: 1 }, 'backlog.repeatPerProperty').score).toBe(75);
  });

  it('site walk cadence: 7 of 10 expected = 70 % → 50', () => {
    expect(metric({ ...perfect, siteWalks: 7, expectedSiteWalks: 10 }, 'engagement.siteWalkCadencePct').score).toBe(50);
  });

  it('pulse: 4 of 5 → 66.7; older than 90 days is ignored', () => {
    expect(metric({ ...perfect, latestPulse: 4 }, 'relationship.latestPulse').score).toBeCloseTo(200 / 3, 9);
    const stale = metric({ ...perfect, latestPulse: 1, latestPulseAgeDays: 91 }, 'relationship.latestPulse');
    expect(stale.score).toBeNull();
    expect(stale.pointsMissed).toBe(0);
  });

  it('customer-raised share: 6 of 20 = 30 % → 50', () => {
    expect(metric({ ...perfect, customerRaised: 6 }, 'relationship.customerRaisedPct').score).toBe(50);
  });

  it('plan reviews: 35 days is within, 36 is not; quarterly 100 vs 101', () => {
    expect(metric({ ...perfect, daysSinceMonthlyReview: 35 }, 'accountPlan.daysSinceMonthlyReview').score).toBe(100);
    expect(metric({ ...perfect, daysSinceMonthlyReview: 36 }, 'accountPlan.daysSinceMonthlyReview').score).toBe(0);
    expect(metric({ ...perfect, daysSinceQuarterlyUpdate: 100 }, 'accountPlan.daysSinceQuarterlyUpdate').score).toBe(
      100,
    );
    expect(metric({ ...perfect, daysSinceQuarterlyUpdate: 101 }, 'accountPlan.daysSinceQuarterlyUpdate').score).toBe(0);
  });

  it('growth: 9 % of the contract value → (9−3)/(15−3) = 50', () => {
    expect(metric({ ...perfect, approvedEnhancementValue: 9_000 }, 'growth.approvedEnhancementPct').score).toBe(50);
  });
});

describe('computeHealth — renormalisation with missing data', () => {
  it('leaves a metric without data out of its category instead of counting it as zero', () => {
    // No open Issues: responsiveness is the on-time metric alone (60), not (60 + 0) / 2.
    const h = computeHealth({ ...perfect, routineDue: 10, routineOnTime: 7.5, openIssueMedianAgeDays: null }, C);
    const responsiveness = h.categories.find((c) => c.key === 'responsiveness')!;
    expect(responsiveness.score).toBeCloseTo(60, 9);
    // Overall: 25 × 60 + 75 × 100 = 9000 → 90
    expect(h.exactScore).toBeCloseTo(90, 9);
    expect(h.score).toBe(90);
  });

  it('leaves a category without data out and renormalises the other weights', () => {
    // Relationship (20) without data: no fresh pulse and no Issues raised. Growth scores 0.
    const facts: HealthFacts = {
      ...perfect,
      latestPulse: null,
      latestPulseAgeDays: null,
      issuesRaised: 0,
      customerRaised: 0,
      approvedEnhancementValue: 0,
    };
    const h = computeHealth(facts, C);
    const relationship = h.categories.find((c) => c.key === 'relationship')!;
    expect(relationship.score).toBeNull();
    expect(relationship.pointsEarned + relationship.pointsMissed).toBe(0);
    // Weights with data: 25 + 20 + 15 + 10 + 10 = 80; growth scores 0 → 70 / 80 × 100 = 87.5 → 88
    expect(h.exactScore).toBeCloseTo(87.5, 9);
    expect(h.score).toBe(88);
    const growth = h.categories.find((c) => c.key === 'growth')!;
    expect(growth.pointsMissed).toBeCloseTo(12.5, 9);
    expect(h.costliest.map((m) => m.key)).toEqual(['growth.approvedEnhancementPct']);
  });

  it('points earned add up to the score and earned + missed to 100', () => {
    const h = computeHealth({ ...perfect, overdueOpenIssues: 2, customerRaised: 9, siteWalks: 4 }, C);
    const earned = h.categories.reduce((s, c) => s + c.pointsEarned, 0);
    const missed = h.categories.reduce((s, c) => s + c.pointsMissed, 0);
    expect(earned).toBeCloseTo(h.exactScore, 9);
    expect(earned + missed).toBeCloseTo(100, 9);
  });

  it('lists the costliest metrics, most points missed first', () => {
    // Overdue 6 on 2 properties → 0 (10 points missed); monthly review 40 d → 0 (5 missed);
    // customer 14 of 20 = 70 % → 0 (10 missed, key order breaks the tie after overdue).
    const h = computeHealth({ ...perfect, overdueOpenIssues: 6, daysSinceMonthlyReview: 40, customerRaised: 14 }, C);
    expect(h.costliest.map((m) => [m.key, m.pointsMissed])).toEqual([
      ['backlog.overduePerProperty', 10],
      ['relationship.customerRaisedPct', 10],
      ['accountPlan.daysSinceMonthlyReview', 5],
    ]);
    expect(h.score).toBe(75);
  });
});

describe('bands and rounding', () => {
  it('uses whole points, half up: 74.5 → 75 HEALTHY, 74.4 → 74 WATCH, 49.5 → 50 WATCH', () => {
    expect(bandOf(75, C.bands)).toBe('HEALTHY');
    expect(bandOf(74, C.bands)).toBe('WATCH');
    expect(bandOf(50, C.bands)).toBe('WATCH');
    expect(bandOf(49, C.bands)).toBe('AT_RISK');
    // Walks 0 (−15), monthly review late (−5), growth 8.4 %: (8.4 − 3) / 12 = 45 → 4.5 of 10 (−5.5).
    // 100 − 25.5 = 74.5 exactly.
    const edge = computeHealth(
      { ...perfect, siteWalks: 0, approvedEnhancementValue: 8_400, daysSinceMonthlyReview: 40 },
      C,
    );
    expect(edge.exactScore).toBeCloseTo(74.5, 9);
    expect(edge.score).toBe(75);
    expect(edge.band).toBe('HEALTHY');
    // 8.3 % growth: s = 44.1666… → 4.41666 earned → 74.41666 → 74 WATCH
    const below = computeHealth(
      { ...perfect, siteWalks: 0, approvedEnhancementValue: 8_300, daysSinceMonthlyReview: 40 },
      C,
    );
    expect(below.score).toBe(74);
    expect(below.band).toBe('WATCH');
  });
});

describe('hard flags', () => {
  it('an URGENT Issue open more than 48 h caps the band at AT_RISK; exactly 48 h does not', () => {
    const flagged = computeHealth({ ...perfect, oldestOpenUrgentHours: 49 }, C);
    expect(flagged.score).toBe(100);
    expect(flagged.scoreBand).toBe('HEALTHY');
    expect(flagged.band).toBe('AT_RISK');
    expect(flagged.flags.map((f) => f.key)).toEqual(['URGENT_OPEN_TOO_LONG']);
    expect(computeHealth({ ...perfect, oldestOpenUrgentHours: 48 }, C).band).toBe('HEALTHY');
  });

  it('an open SAFETY Issue older than 24 h caps the band at AT_RISK', () => {
    const flagged = computeHealth({ ...perfect, oldestOpenSafetyHours: 25, oldestOpenUrgentHours: 25 }, C);
    expect(flagged.band).toBe('AT_RISK');
    expect(flagged.flags.map((f) => f.key)).toEqual(['SAFETY_OPEN_TOO_LONG']);
    expect(computeHealth({ ...perfect, oldestOpenSafetyHours: 23.9 }, C).flags).toEqual([]);
  });
});

describe('renewalRisk', () => {
  const base = { daysToRenewal: 120, band: 'HEALTHY' as const, trend: 0, daysSinceLastWalk: 5 };
  it('HIGH: within 180 days and AT_RISK, or trend ≤ −10', () => {
    expect(renewalRisk({ ...base, band: 'AT_RISK' }, C)).toBe('HIGH');
    expect(renewalRisk({ ...base, trend: -10 }, C)).toBe('HIGH');
    expect(renewalRisk({ ...base, trend: -9 }, C)).toBe('LOW');
    expect(renewalRisk({ ...base, daysToRenewal: 180, band: 'AT_RISK' }, C)).toBe('HIGH');
    expect(renewalRisk({ ...base, daysToRenewal: 181, band: 'AT_RISK' }, C)).toBe('LOW');
    expect(renewalRisk({ ...base, daysToRenewal: -3, band: 'AT_RISK' }, C)).toBe('HIGH');
  });
  it('MEDIUM: within 180 days and WATCH, or within 90 days with no walk in 30', () => {
    expect(renewalRisk({ ...base, band: 'WATCH' }, C)).toBe('MEDIUM');
    expect(renewalRisk({ ...base, daysToRenewal: 90, daysSinceLastWalk: 31 }, C)).toBe('MEDIUM');
    expect(renewalRisk({ ...base, daysToRenewal: 90, daysSinceLastWalk: null }, C)).toBe('MEDIUM');
    expect(renewalRisk({ ...base, daysToRenewal: 90, daysSinceLastWalk: 30 }, C)).toBe('LOW');
    expect(renewalRisk({ ...base, daysToRenewal: 91, daysSinceLastWalk: 60 }, C)).toBe('LOW');
    expect(renewalRisk({ ...base, daysToRenewal: 200, band: 'WATCH' }, C)).toBe('LOW');
  });
  it('a missing trend is not a drop', () => {
    expect(renewalRisk({ ...base, trend: null }, C)).toBe('LOW');
  });
});

describe('selectKeyAccounts', () => {
  it('takes the largest accounts until they reach 80 % of the total', () => {
    // Total 1000; 500 + 200 = 700 < 800, + 150 = 850 ≥ 800.
    const accounts = [
      { id: 'e', annualValue: 50 },
      { id: 'a', annualValue: 500 },
      { id: 'c', annualValue: 150 },
      { id: 'b', annualValue: 200 },
      { id: 'd', annualValue: 100 },
    ];
    expect(selectKeyAccounts(accounts, 0.8).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
  it('stops exactly at 80 % and keeps the given order for ties', () => {
    const accounts = [
      { id: 'x', annualValue: 400 },
      { id: 'y', annualValue: 400 },
      { id: 'z', annualValue: 200 },
    ];
    expect(selectKeyAccounts(accounts, 0.8).map((a) => a.id)).toEqual(['x', 'y']);
  });
  it('is empty when there is no value', () => {
    expect(selectKeyAccounts([{ annualValue: 0 }], 0.8)).toEqual([]);
  });
});

describe('summarizePortfolio', () => {
  it('adds value, weights health by revenue and sums HIGH and MEDIUM revenue', () => {
    const totals = summarizePortfolio([
      { annualValue: 100, score: 80, band: 'HEALTHY', risk: 'LOW' },
      { annualValue: 300, score: 40, band: 'AT_RISK', risk: 'HIGH' },
      { annualValue: 100, score: 60, band: 'WATCH', risk: 'MEDIUM' },
    ]);
    // (8000 + 12000 + 6000) / 500 = 52
    expect(totals).toEqual({
      accountCount: 3,
      totalAnnualValue: 500,
      revenueWeightedHealth: 52,
      bandCounts: { HEALTHY: 1, WATCH: 1, AT_RISK: 1 },
      riskCounts: { LOW: 1, MEDIUM: 1, HIGH: 1 },
      revenueAtRisk: 300,
      mediumRevenueAtRisk: 100,
    });
  });
});

describe('parseHealthConfig', () => {
  it('accepts the defaults', () => {
    expect(parseHealthConfig(structuredClone(C))).toEqual(C);
  });
  it('refuses a bad value naming its key', () => {
    const bad = structuredClone(C) as unknown as {
      categories: { backlog: { metrics: { overduePerProperty: object } } };
    };
    bad.categories.backlog.metrics.overduePerProperty = { weight: -1, good: 0, poor: 3 };
    expect(() => parseHealthConfig(bad)).toThrow(HealthConfigError);
    expect(() => parseHealthConfig(bad)).toThrow(/categories\.backlog\.metrics\.overduePerProperty\.weight/);
  });
  it('refuses equal thresholds, bands out of order and unknown keys', () => {
    const equal = structuredClone(C);
    equal.categories.growth.metrics.approvedEnhancementPct.poor = 15;
    expect(() => parseHealthConfig(equal)).toThrow(/growth\.metrics\.approvedEnhancementPct\.poor: good and poor/);
    expect(() => parseHealthConfig({ ...C, bands: { healthy: 50, watch: 75 } })).toThrow(/bands\.healthy/);
    expect(() => parseHealthConfig({ ...C, surprise: 1 })).toThrow(/surprise/);
    expect(() => parseHealthConfig({ ...C, windows: undefined })).toThrow(/windows/);
  });
});

describe('wording users read', () => {
  const details = (facts: HealthFacts) =>
    Object.fromEntries(
      computeHealth(facts, C)
        .categories.flatMap((c) => c.metrics)
        .map((m) => [m.key, m.detail]),
    );

  it('formats money and gets plurals right for one of each', () => {
    const d = details({
      ...perfect,
      propertyCount: 1,
      routineDue: 1,
      routineOnTime: 1,
      openIssueMedianAgeDays: 1,
      overdueOpenIssues: 1,
      repeatIssues: 1,
      siteWalks: 1,
      latestPulseAgeDays: 1,
      issuesRaised: 1,
      customerRaised: 1,
      daysSinceMonthlyReview: 1,
      daysSinceQuarterlyUpdate: 0,
      approvedEnhancementValue: 32_000,
    });
    expect(d).toEqual({
      'responsiveness.routineOnTimePct': '1 of 1 routine Issue resolved by the next visit (100 %)',
      'responsiveness.openIssueMedianAgeDays': 'Open Issues are 1 day old (median)',
      'backlog.overduePerProperty': '1 overdue open Issue on 1 property',
      'backlog.repeatPerProperty': '1 repeat Issue (same category within 25 m) on 1 property in 90 days',
      'engagement.siteWalkCadencePct': '1 site walk of 6.4 expected in 90 days (15.6 %)',
      'relationship.latestPulse': 'Latest pulse 5 of 5, 1 day ago',
      'relationship.customerRaisedPct': '1 of 1 Issue raised by the customer (100 %)',
      'accountPlan.daysSinceMonthlyReview': 'Last monthly review 1 day ago',
      'accountPlan.daysSinceQuarterlyUpdate': 'Last quarterly update today',
      'growth.approvedEnhancementPct': '$32,000 approved in 365 days, 32 % of the contract value',
    });
  });

  it('uses plurals for other counts', () => {
    const d = details({ ...perfect, overdueOpenIssues: 3, repeatIssues: 0, approvedEnhancementValue: 1_250_000 });
    expect(d['backlog.overduePerProperty']).toBe('3 overdue open Issues on 2 properties');
    expect(d['backlog.repeatPerProperty']).toBe(
      '0 repeat Issues (same category within 25 m) on 2 properties in 90 days',
    );
    expect(d['growth.approvedEnhancementPct']).toBe('$1,250,000 approved in 365 days, 1250 % of the contract value');
    expect(d['accountPlan.daysSinceMonthlyReview']).toBe('Last monthly review 10 days ago');
  });

  it('names flags in words, not enum names', () => {
    const h = computeHealth({ ...perfect, oldestOpenUrgentHours: 50, oldestOpenSafetyHours: 100 }, C);
    expect(h.flags.map((f) => f.label)).toEqual([
      'An urgent Issue has been open too long',
      'A safety Issue has been open too long',
    ]);
  });

  it('gives renewal reasons with band labels and without repeating the renewal date', () => {
    const base = { daysToRenewal: 45, trend: null, daysSinceLastWalk: 10, flags: [], costliestDetails: [] };
    expect(
      renewalReasons(
        {
          ...base,
          band: 'AT_RISK',
          trend: -14,
          daysSinceLastWalk: 61,
          flags: [{ key: 'URGENT_OPEN_TOO_LONG', label: 'An urgent Issue has been open too long' }],
          costliestDetails: [
            '1 overdue open Issue on 1 property',
            '1 site walk of 6.4 expected in 90 days (15.5 %)',
            'x',
          ],
        },
        C,
      ),
    ).toEqual([
      'Health: At risk',
      'Score fell 14 points in 30 days',
      'No site walk in 61 days',
      'An urgent Issue has been open too long',
      '1 overdue open Issue on 1 property',
      '1 site walk of 6.4 expected in 90 days (15.5 %)',
    ]);
    expect(renewalReasons({ ...base, band: 'WATCH', trend: -11 }, C)).toEqual([
      'Health: Watch',
      'Score fell 11 points in 30 days',
    ]);
    expect(renewalReasons({ ...base, band: 'HEALTHY', daysSinceLastWalk: null }, C)).toEqual([
      'No site walk on record',
    ]);
    expect(renewalReasons({ ...base, band: 'HEALTHY', daysToRenewal: -3 }, C)).toEqual([]);
  });
});
