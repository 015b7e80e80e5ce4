import type { KpiMetric } from '@groundwork/shared';
import type { KpiTable_RowFragment } from '../../gql/graphql';
import { kpiColumn, selectedFigures } from './kpi.columns';
import type { KpiSort } from './kpi.url-state';

/** A row's trend as one number: its last measured month minus its first; null with fewer than two. */
export function trendChange(row: KpiTable_RowFragment, metric: KpiMetric): number | null {
  const column = kpiColumn(metric);
  const values = row.months.map(column.value).filter((v): v is number => v !== null);
  return values.length < 2 ? null : values.at(-1)! - values[0]!;
}

function sortKey(row: KpiTable_RowFragment, sort: KpiSort, trend: KpiMetric): number | string | null {
  if (sort.field === 'NAME') return row.label;
  if (sort.field === 'TREND') return trendChange(row, trend);
  return kpiColumn(sort.field).value(selectedFigures(row));
}

const byName = (a: KpiTable_RowFragment, b: KpiTable_RowFragment) =>
  a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.key.localeCompare(b.key);

/**
 * A sorted copy of the rows (the company row is not among them: it stays
 * pinned). A row without the figure ("—") goes last whichever the direction;
 * ties go by name, so the order is stable.
 */
export function sortKpiRows<T extends KpiTable_RowFragment>(rows: readonly T[], sort: KpiSort, trend: KpiMetric): T[] {
  const sign = sort.direction === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = sortKey(a, sort, trend);
    const kb = sortKey(b, sort, trend);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
      return byName(a, b);
    }
    const primary =
      typeof ka === 'number' && typeof kb === 'number'
        ? ka - kb
        : String(ka).localeCompare(String(kb), 'en', { sensitivity: 'base' });
    return primary * sign || byName(a, b);
  });
}
