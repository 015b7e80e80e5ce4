import type { KpiDimension } from '@groundwork/shared';
import Papa from 'papaparse';
import type { KpiTable_RowFragment } from '../../gql/graphql';
import { KPI_COLUMNS, selectedFigures } from './kpi.columns';
import { DIMENSION_LABELS } from './kpi.format';
import { DIMENSION_PARAM } from './kpi.url-state';

type KpiCsvTable = {
  dimension: KpiDimension;
  /** The selected month, YYYY-MM. */
  month: string;
  company: KpiTable_RowFragment;
  /** In the order shown. */
  rows: readonly KpiTable_RowFragment[];
};

/**
 * The table as shown, for a spreadsheet: the selected month's figures, the
 * company first, then the rows in their order; every column's parts as
 * numbers (shares in %, durations in hours), an empty cell where the figure
 * is "—". Quoting is Papa Parse's, and cells a spreadsheet would run as a
 * formula (a name starting with "=") are escaped.
 */
export function kpiCsv({ dimension, month, company, rows }: KpiCsvTable): string {
  const columns = KPI_COLUMNS.flatMap((column) => column.csv);
  const line = (row: KpiTable_RowFragment) => {
    const figures = selectedFigures(row);
    return [row.label, month, ...columns.map((c) => c.value(figures))];
  };
  return Papa.unparse(
    {
      fields: [DIMENSION_LABELS[dimension].one, 'Month', ...columns.map((c) => c.header)],
      data: [line(company), ...rows.map(line)],
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** `kpis-account-managers-2026-11.csv`. */
export function kpiCsvFileName(dimension: KpiDimension, month: string): string {
  return `kpis-${DIMENSION_PARAM[dimension]}-${month}.csv`;
}
