import { trendMonths } from '@groundwork/shared';
import type { KpiPageQuery, KpiRecordsQuery, KpiTable_RowFragment } from '../../gql/graphql';
import type { KpiFigures } from './kpi.columns';

// Response shapes for the KPI page's tests: a month of figures defaults to
// "nothing measured" (shares and medians null, counts 0), as the server sends
// a quiet month; each test sets what it is about.

/** The month under way in the page tests (their clock is in December 2026). */
export const FAKE_MONTH = '2026-12';

export function fakeFigures(month: string, over: Partial<KpiFigures> = {}): KpiFigures {
  return {
    __typename: 'KpiFigures',
    month,
    routineDue: 0,
    routineFixedOnTime: 0,
    fixedByNextVisit: null,
    resolved: 0,
    medianHoursToFixRoutine: null,
    medianHoursToFixUrgent: null,
    firstTimeRight: null,
    overdue: 0,
    safetyOpen: 0,
    medianHoursToFixSafety: null,
    walksDone: 0,
    walksExpected: 0,
    walkCompliance: null,
    enhancementsIdentified: 0,
    enhancementsQualified: 0,
    enhancementsApproved: 0,
    approvedValue: 0,
    approvedValueShare: null,
    planAccounts: 0,
    planReviewsOnTime: null,
    planUpdatesOnTime: null,
    ...over,
  };
}

/** What a crew cannot have (walks, Enhancements, plans): null, as the server sends for a crew row. */
export const CREW_NULLS: Partial<KpiFigures> = {
  walksDone: null,
  walksExpected: null,
  walkCompliance: null,
  enhancementsIdentified: null,
  enhancementsQualified: null,
  enhancementsApproved: null,
  approvedValue: null,
  approvedValueShare: null,
  planAccounts: null,
  planReviewsOnTime: null,
  planUpdatesOnTime: null,
};

/**
 * A row over the 12 months ending with `month`: `selected` is the last
 * month's figures, `history` (oldest first) any earlier ones, the rest quiet.
 */
export function fakeKpiRow(
  key: string,
  label: string,
  selected: Partial<KpiFigures> = {},
  { month = FAKE_MONTH, history = [] as Partial<KpiFigures>[], base = {} as Partial<KpiFigures> } = {},
): KpiTable_RowFragment {
  const months = trendMonths(month);
  const offset = months.length - 1 - history.length;
  return {
    __typename: 'KpiRow',
    key,
    label,
    months: months.map((m, i) =>
      fakeFigures(m, {
        ...base,
        ...(i === months.length - 1 ? selected : i >= offset ? history[i - offset] : {}),
      }),
    ),
  };
}

export function fakeKpiTable(
  over: Partial<KpiPageQuery['kpis']> & Pick<KpiPageQuery['kpis'], 'company' | 'rows'>,
): KpiPageQuery {
  const month = over.company.months.at(-1)!.month;
  return {
    kpis: {
      __typename: 'KpiTable',
      dimension: 'ACCOUNT_MANAGER',
      months: trendMonths(month),
      asOf: '2026-12-01T07:00:00.000Z',
      rowCount: over.rows.length,
      truncated: false,
      ...over,
    },
  };
}

type FakeRecord = KpiRecordsQuery['kpiRecords']['records'][number];

export function fakeKpiRecord(over: Partial<FakeRecord> & Pick<FakeRecord, 'id' | 'title'>): FakeRecord {
  return {
    __typename: 'KpiRecord',
    kind: 'ISSUE',
    accountId: 'acc-1',
    accountName: 'Birch Court',
    at: null,
    good: null,
    hours: null,
    value: null,
    done: null,
    expected: null,
    note: null,
    ...over,
  };
}
