import { Sparkline } from '@mantine/charts';
import { Text } from '@mantine/core';
import type { KpiTable_RowFragment } from '../../gql/graphql';
import { type KpiColumn } from './kpi.columns';
import { formatMonth } from './kpi.format';

type KpiSparklineProps = {
  row: KpiTable_RowFragment;
  column: KpiColumn;
  w?: number;
  h?: number;
};

/**
 * A row's 12 months of one figure, the selected month last. Months with
 * nothing measured are gaps, not zeros; the line is green when it moved the
 * good way (down, for overdue or time to fix), red when the bad way.
 */
export function KpiSparkline({ row, column, w = 110, h = 28 }: KpiSparklineProps) {
  const data = row.months.map(column.value);
  const measured = row.months.flatMap((f) => {
    const value = column.value(f);
    return value === null ? [] : [{ month: f.month, value }];
  });
  if (measured.length < 2) {
    return (
      <Text size="xs" c="dimmed" w={w}>
        No trend yet
      </Text>
    );
  }
  const first = measured[0]!;
  const last = measured.at(-1)!;
  const change = last.value - first.value;
  const good = column.lowerIsBetter ? change < 0 : change > 0;
  const color = change === 0 ? 'gray.5' : good ? 'green.6' : 'red.6';
  // Month names without "(to date)": the description reads as a sentence.
  const from = formatMonth(first.month, '');
  const to = formatMonth(last.month, '');
  return (
    <Sparkline
      w={w}
      h={h}
      data={data}
      connectNulls={false}
      curveType="monotone"
      fillOpacity={0.25}
      strokeWidth={1.6}
      color={color}
      role="img"
      aria-label={`${column.label}, ${from} to ${to}: ${column.formatValue(first.value)} to ${column.formatValue(last.value)}`}
    />
  );
}
