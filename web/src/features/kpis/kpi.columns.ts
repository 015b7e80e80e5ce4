import { KPI_METRIC_INFO, KPI_METRICS, type KpiMetric } from '@groundwork/shared';
import type { KpiTable_RowFragment } from '../../gql/graphql';
import { formatMoney } from '../../ui/money.format';
import { formatHours, formatNumber, formatOutOf, formatShare, NO_FIGURE } from './kpi.format';

export type KpiFigures = KpiTable_RowFragment['months'][number];

/** One figure of the table as it reads: its main text and, under it, what it is made of. */
export type FigureText = { main: string; detail: string | null };

export type KpiColumn = {
  metric: KpiMetric;
  /** The header (KPI_METRIC_INFO's label: one source for names and meanings). */
  label: string;
  /**
   * The number the column sorts by and the trend line draws; null when
   * nothing was measured (sorted last, a gap in the line).
   */
  value: (f: KpiFigures) => number | null;
  /** How `value` reads (the trend line's description). */
  formatValue: (value: number | null) => string;
  /** Less is better (overdue, time to fix, safety): a falling line is good news. */
  lowerIsBetter: boolean;
  text: (f: KpiFigures) => FigureText;
  /** The figure has nothing behind it in this row: "—" and no records to open. */
  absent: (f: KpiFigures) => boolean;
  /** Columns of the CSV export, numbers as numbers (shares in %, durations in hours). */
  csv: { header: string; value: (f: KpiFigures) => number | null }[];
};

const percent = (share: number | null) => (share == null ? null : Math.round(share * 1000) / 10);
const tenths = (value: number | null) => (value == null ? null : Math.round(value * 10) / 10);
const withUnit = (header: string, unit: string) => `${header} (${unit})`;

const label = (metric: KpiMetric) => KPI_METRIC_INFO[metric].label;

const COLUMNS: Record<KpiMetric, Omit<KpiColumn, 'metric' | 'label'>> = {
  FIXED_BY_NEXT_VISIT: {
    value: (f) => f.fixedByNextVisit,
    formatValue: formatShare,
    lowerIsBetter: false,
    text: (f) => ({
      main: formatShare(f.fixedByNextVisit),
      detail: f.routineDue > 0 ? formatOutOf(f.routineFixedOnTime, f.routineDue) : null,
    }),
    absent: (f) => f.fixedByNextVisit == null,
    csv: [
      { header: withUnit(label('FIXED_BY_NEXT_VISIT'), '%'), value: (f) => percent(f.fixedByNextVisit) },
      { header: 'Routine Issues fixed on time', value: (f) => f.routineFixedOnTime },
      { header: 'Routine Issues due', value: (f) => f.routineDue },
    ],
  },
  TIME_TO_FIX: {
    value: (f) => f.medianHoursToFixRoutine,
    formatValue: formatHours,
    lowerIsBetter: true,
    text: (f) => ({
      main: formatHours(f.medianHoursToFixRoutine),
      detail: `urgent ${formatHours(f.medianHoursToFixUrgent)}`,
    }),
    absent: (f) => f.medianHoursToFixRoutine == null && f.medianHoursToFixUrgent == null,
    csv: [
      {
        header: withUnit(`${label('TIME_TO_FIX')}, routine`, 'median h'),
        value: (f) => tenths(f.medianHoursToFixRoutine),
      },
      {
        header: withUnit(`${label('TIME_TO_FIX')}, urgent`, 'median h'),
        value: (f) => tenths(f.medianHoursToFixUrgent),
      },
    ],
  },
  OVERDUE: {
    value: (f) => f.overdue,
    formatValue: formatNumber,
    lowerIsBetter: true,
    text: (f) => ({ main: formatNumber(f.overdue), detail: null }),
    absent: () => false,
    csv: [{ header: label('OVERDUE'), value: (f) => f.overdue }],
  },
  FIRST_TIME_RIGHT: {
    value: (f) => f.firstTimeRight,
    formatValue: formatShare,
    lowerIsBetter: false,
    text: (f) => ({
      main: formatShare(f.firstTimeRight),
      detail: f.resolved > 0 ? `of ${formatNumber(f.resolved)} resolved` : null,
    }),
    absent: (f) => f.firstTimeRight == null,
    csv: [
      { header: withUnit(label('FIRST_TIME_RIGHT'), '%'), value: (f) => percent(f.firstTimeRight) },
      { header: 'Issues resolved', value: (f) => f.resolved },
    ],
  },
  WALK_COMPLIANCE: {
    value: (f) => f.walkCompliance,
    formatValue: formatShare,
    lowerIsBetter: false,
    text: (f) => ({
      main: formatShare(f.walkCompliance),
      detail: f.walkCompliance == null ? null : formatOutOf(f.walksDone, f.walksExpected),
    }),
    absent: (f) => f.walkCompliance == null,
    csv: [
      { header: withUnit(label('WALK_COMPLIANCE'), '%'), value: (f) => percent(f.walkCompliance) },
      { header: 'Walks done', value: (f) => f.walksDone },
      { header: 'Walks expected', value: (f) => tenths(f.walksExpected) },
    ],
  },
  ENHANCEMENT_CONVERSION: {
    value: (f) => f.enhancementsIdentified,
    formatValue: formatNumber,
    lowerIsBetter: false,
    text: (f) => ({
      main:
        f.enhancementsIdentified == null
          ? NO_FIGURE
          : `${f.enhancementsIdentified} → ${f.enhancementsQualified ?? 0} → ${f.enhancementsApproved ?? 0}`,
      detail: null,
    }),
    absent: (f) => f.enhancementsIdentified == null,
    csv: [
      { header: 'Enhancements identified', value: (f) => f.enhancementsIdentified },
      { header: 'Enhancements qualified', value: (f) => f.enhancementsQualified },
      { header: 'Enhancements approved', value: (f) => f.enhancementsApproved },
    ],
  },
  APPROVED_VALUE: {
    value: (f) => f.approvedValue,
    formatValue: formatMoney,
    lowerIsBetter: false,
    text: (f) => ({
      main: formatMoney(f.approvedValue),
      detail: f.approvedValueShare == null ? null : `${formatShare(f.approvedValueShare)} of contract`,
    }),
    absent: (f) => f.approvedValue == null,
    csv: [
      { header: withUnit(label('APPROVED_VALUE'), '$'), value: (f) => f.approvedValue },
      { header: 'Approved value over 12 months ÷ contract value (%)', value: (f) => percent(f.approvedValueShare) },
    ],
  },
  PLAN_CADENCE: {
    value: (f) => f.planReviewsOnTime,
    formatValue: formatShare,
    lowerIsBetter: false,
    text: (f) => ({
      main: formatShare(f.planReviewsOnTime),
      detail: `updated ${formatShare(f.planUpdatesOnTime)}`,
    }),
    absent: (f) => f.planReviewsOnTime == null && f.planUpdatesOnTime == null,
    csv: [
      { header: 'Plans reviewed in the month (%)', value: (f) => percent(f.planReviewsOnTime) },
      { header: 'Plans updated in the quarter (%)', value: (f) => percent(f.planUpdatesOnTime) },
    ],
  },
  SAFETY: {
    value: (f) => f.safetyOpen,
    formatValue: formatNumber,
    lowerIsBetter: true,
    text: (f) => ({
      main: formatNumber(f.safetyOpen),
      detail: f.medianHoursToFixSafety == null ? null : `fixed in ${formatHours(f.medianHoursToFixSafety)}`,
    }),
    absent: () => false,
    csv: [
      { header: 'Safety Issues open', value: (f) => f.safetyOpen },
      { header: withUnit('Safety time to fix', 'median h'), value: (f) => tenths(f.medianHoursToFixSafety) },
    ],
  },
};

/** The table's figure columns, in KPI_METRICS order. */
export const KPI_COLUMNS: readonly KpiColumn[] = KPI_METRICS.map((metric) => ({
  metric,
  label: label(metric),
  ...COLUMNS[metric],
}));

export const kpiColumn = (metric: KpiMetric): KpiColumn => KPI_COLUMNS.find((c) => c.metric === metric)!;

/** The selected month's figures of a row: the last of its months. */
export const selectedFigures = (row: KpiTable_RowFragment): KpiFigures => row.months.at(-1)!;
