import type {
  AccountHealthPanel_HealthFragment,
  PortfolioAccountsTable_AccountFragment,
  PortfolioPageQuery,
} from '../../gql/graphql';

// Response shapes for component tests, with defaults describing a plain,
// healthy account; each test overrides what it is about.

type Health = NonNullable<PortfolioAccountsTable_AccountFragment['health']>;

export function fakeHistory(scores: number[]): Health['history'] {
  return scores.map((score, i) => ({
    __typename: 'HealthPoint',
    date: `2026-08-${String(i + 1).padStart(2, '0')}`,
    score,
    band: score >= 75 ? 'HEALTHY' : score >= 50 ? 'WATCH' : 'AT_RISK',
  }));
}

export function fakeRow(
  id: string,
  name: string,
  annualValue: number,
  health: Partial<Health> | null = {},
): PortfolioAccountsTable_AccountFragment {
  return {
    __typename: 'Account',
    id,
    name,
    segment: 'Office park',
    annualValue,
    renewalDate: '2031-06-30',
    daysToRenewal: 1500,
    accountManager: { __typename: 'User', id: 'u1', name: 'Jordan Reyes' },
    health:
      health === null
        ? null
        : {
            __typename: 'AccountHealth',
            accountId: id,
            score: 80,
            band: 'HEALTHY',
            scoreBand: 'HEALTHY',
            trend30d: 2,
            flags: [],
            renewal: {
              __typename: 'RenewalOutlook',
              renewalDate: '2031-06-30',
              daysToRenewal: 400,
              risk: 'LOW',
              revenueAtRisk: 0,
              reasons: [],
            },
            history: fakeHistory([76, 78, 80]),
            ...health,
          },
  };
}

export function fakePortfolio(overrides: Partial<PortfolioPageQuery['portfolio']> = {}): PortfolioPageQuery {
  return {
    portfolio: {
      __typename: 'Portfolio',
      cursor: '200',
      accountCount: 3,
      totalAnnualValue: 1_000_000,
      revenueWeightedHealth: 71.5,
      revenueAtRisk: 500_000,
      mediumRevenueAtRisk: 120_000,
      keyAccountValue: 880_000,
      keyAccountShare: 0.8,
      renewalHorizonDays: 180,
      bandCounts: { __typename: 'HealthBandCounts', healthy: 1, watch: 1, atRisk: 1 },
      riskCounts: { __typename: 'RenewalRiskCounts', high: 1, medium: 1, low: 1 },
      keyAccounts: [],
      renewals: [],
      ...overrides,
    },
  };
}

export function fakeAccountHealth(
  overrides: Partial<AccountHealthPanel_HealthFragment> = {},
): AccountHealthPanel_HealthFragment {
  const at = '2026-11-20T10:00:00.000Z';
  return {
    __typename: 'AccountHealth',
    accountId: 'a1',
    score: 82,
    band: 'AT_RISK',
    scoreBand: 'HEALTHY',
    trend30d: -12,
    computedAt: at,
    factors: [
      {
        __typename: 'HealthFactor',
        key: 'backlog',
        label: 'Backlog',
        weight: 20,
        score: 50,
        pointsEarned: 10,
        pointsMissed: 10,
        detail: '1 overdue open Issue on 1 property',
      },
      {
        __typename: 'HealthFactor',
        key: 'growth',
        label: 'Growth',
        weight: 10,
        score: null,
        pointsEarned: 0,
        pointsMissed: 0,
        detail: 'No data',
      },
    ],
    costliestMetrics: [
      {
        __typename: 'CostlyMetric',
        key: 'backlog.overduePerProperty',
        label: 'Overdue open Issues per property',
        detail: '1 overdue on 1 property',
        pointsMissed: 6.7,
        records: [{ __typename: 'HealthRecordLink', kind: 'ISSUE', id: 'i9', label: 'Geyser at the gate', at }],
      },
      {
        __typename: 'CostlyMetric',
        key: 'engagement.siteWalkCadencePct',
        label: 'Site walks vs the tier cadence',
        detail: '2 of 13 expected walks',
        pointsMissed: 5,
        records: [{ __typename: 'HealthRecordLink', kind: 'SITE_WALK', id: 'w1', label: 'Site walk', at }],
      },
    ],
    flags: [
      {
        __typename: 'HealthFlag',
        key: 'URGENT_OPEN_TOO_LONG',
        label: 'An urgent Issue has been open too long',
        records: [{ __typename: 'HealthRecordLink', kind: 'ISSUE', id: 'i9', label: 'Geyser at the gate', at }],
      },
    ],
    renewal: {
      __typename: 'RenewalOutlook',
      renewalDate: '2027-03-01',
      daysToRenewal: 99,
      risk: 'HIGH',
      revenueAtRisk: 480_000,
      reasons: ['Health: At risk', 'An urgent Issue has been open too long'],
    },
    history: fakeHistory([90, 88, 85, 82]),
    ...overrides,
  };
}
