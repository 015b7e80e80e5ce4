import { KPI_METRIC_INFO, type KpiDimension, type KpiMetric } from '@groundwork/shared';
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { KpiTable_RowFragment } from '../../gql/graphql';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';
import { KPI_COLUMNS, kpiColumn, selectedFigures, type KpiColumn } from './kpi.columns';
import { DIMENSION_LABELS, NO_FIGURE } from './kpi.format';
import type { KpiSort, KpiSortField } from './kpi.url-state';
import { KpiSparkline } from './KpiSparkline';
import classes from './KpiTable.module.css';

type KpiTableProps = {
  dimension: KpiDimension;
  company: KpiTable_RowFragment;
  /** Already sorted. */
  rows: readonly KpiTable_RowFragment[];
  sort: KpiSort;
  onSort: (field: KpiSortField) => void;
  /** The metric the 12-month line draws. */
  trend: KpiMetric;
  /** Where a row's name leads (its accounts, or the account's page); null: nowhere. */
  nameLink: (row: KpiTable_RowFragment) => string | null;
  /** Opens the records behind a figure; null where the figure has none to offer. */
  openFigure: (row: KpiTable_RowFragment, metric: KpiMetric) => (() => void) | null;
};

const TREND_TITLE = '12 months';

function SortIcon({ active, sort }: { active: boolean; sort: KpiSort }) {
  const Icon = !active ? IconSelector : sort.direction === 'ASC' ? IconChevronUp : IconChevronDown;
  return <Icon size={14} stroke={1.6} aria-hidden />;
}

/**
 * A column header: sorts on a click or Enter, and says what the figure means
 * (KPI_METRIC_INFO: one source) in a tooltip on hover or focus and to screen
 * readers as the button's description.
 */
function SortHeader({
  field,
  sort,
  onSort,
  title,
  means,
  sticky = false,
}: {
  field: KpiSortField;
  sort: KpiSort;
  onSort: (field: KpiSortField) => void;
  title: string;
  means?: string;
  sticky?: boolean;
}) {
  const active = sort.field === field;
  const descriptionId = useId();
  const button = (
    <UnstyledButton onClick={() => onSort(field)} fw={600} fz="sm" aria-describedby={means ? descriptionId : undefined}>
      <Group gap={4} wrap="nowrap" align="flex-end">
        <span>{title}</span>
        <SortIcon active={active} sort={sort} />
      </Group>
    </UnstyledButton>
  );
  return (
    <Table.Th
      aria-sort={active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
      className={sticky ? classes.sticky : undefined}
      // Two-line headers keep eleven figures within a laptop's width.
      style={{ verticalAlign: 'bottom', maxWidth: sticky ? undefined : 124 }}
    >
      {means ? (
        <Tooltip label={means} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
          {button}
        </Tooltip>
      ) : (
        button
      )}
      {means && <VisuallyHidden id={descriptionId}>{means}</VisuallyHidden>}
    </Table.Th>
  );
}

/** A figure as it reads, as a button to its records where it has some. */
function Figure({ column, row, open }: { column: KpiColumn; row: KpiTable_RowFragment; open: (() => void) | null }) {
  const figures = selectedFigures(row);
  if (column.absent(figures)) {
    return (
      <Text size="sm" c="dimmed" aria-label={`${column.label}: no data`}>
        {NO_FIGURE}
      </Text>
    );
  }
  const { main, detail } = column.text(figures);
  const body = (
    <>
      <Text size="sm" fw={600} span className={open ? classes.figureMain : undefined} display="block">
        {main}
      </Text>
      {/* A space between the lines: the button's name and its visible text read alike. */}
      {detail && ' '}
      {detail && (
        <Text size="xs" c="dimmed" span display="block" style={{ whiteSpace: 'nowrap' }}>
          {detail}
        </Text>
      )}
    </>
  );
  if (!open) return <div>{body}</div>;
  return (
    <UnstyledButton
      className={classes.figure}
      onClick={open}
      aria-label={`${column.label}, ${row.label}: ${main}${detail ? `, ${detail}` : ''}. Show the records`}
      data-metric={column.metric}
    >
      {body}
    </UnstyledButton>
  );
}

function RowName({ row, href, company }: { row: KpiTable_RowFragment; href: string | null; company: boolean }) {
  if (company) {
    return (
      <Stack gap={0}>
        <Text size="sm" fw={700}>
          {row.label}
        </Text>
        <Text size="xs" c="dimmed">
          whole company
        </Text>
      </Stack>
    );
  }
  if (!href) {
    return (
      <Text size="sm" fw={600}>
        {row.label}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={href} size="sm" fw={600} c="inherit" underline="always">
      {row.label}
    </Anchor>
  );
}

/** One row per manager, crew or account with the company pinned above them; every figure opens its records. */
export function KpiTable(props: KpiTableProps) {
  const phone = usePhoneList();
  if (phone) return <KpiItems {...props} />;
  const { dimension, company, rows, sort, onSort, trend, nameLink, openFigure } = props;
  const trendColumn = kpiColumn(trend);
  const line = (row: KpiTable_RowFragment, isCompany: boolean) => (
    <Table.Tr
      key={isCompany ? 'company' : row.key}
      className={isCompany ? classes.company : undefined}
      data-testid={isCompany ? 'kpi-company-row' : 'kpi-row'}
      aria-label={isCompany ? 'Company' : row.label}
    >
      <Table.Th scope="row" className={classes.sticky} style={{ fontWeight: 'normal', minWidth: 150 }}>
        <RowName row={row} href={isCompany ? null : nameLink(row)} company={isCompany} />
      </Table.Th>
      {KPI_COLUMNS.map((column) => (
        <Table.Td key={column.metric}>
          <Figure column={column} row={row} open={openFigure(row, column.metric)} />
        </Table.Td>
      ))}
      <Table.Td>
        <KpiSparkline row={row} column={trendColumn} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table
        horizontalSpacing={8}
        verticalSpacing={8}
        aria-label={`KPIs by ${DIMENSION_LABELS[dimension].one.toLowerCase()}`}
      >
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="NAME" sort={sort} onSort={onSort} title={DIMENSION_LABELS[dimension].one} sticky />
            {KPI_COLUMNS.map((column) => (
              <SortHeader
                key={column.metric}
                field={column.metric}
                sort={sort}
                onSort={onSort}
                title={column.label}
                means={KPI_METRIC_INFO[column.metric].means}
              />
            ))}
            <SortHeader
              field="TREND"
              sort={sort}
              onSort={onSort}
              title={TREND_TITLE}
              means={`${trendColumn.label} over the 12 months ending with the selected one, sorted by its change. ${KPI_METRIC_INFO[trend].means}`}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {line(company, true)}
          {rows.map((row) => line(row, false))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FigureFacts({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={2} spacing="sm" verticalSpacing={8}>
      {children}
    </SimpleGrid>
  );
}

/**
 * On a phone, one stacked item per row rather than eleven columns: the name,
 * then each figure under its name, two a line; the company first and tinted.
 * No headers to tap: the sorts are in a list, with a button to reverse.
 */
function KpiItems({ dimension, company, rows, sort, onSort, trend, nameLink, openFigure }: KpiTableProps) {
  const trendColumn = kpiColumn(trend);
  const sorts = [
    { value: 'NAME', label: DIMENSION_LABELS[dimension].one },
    ...KPI_COLUMNS.map((c) => ({ value: c.metric, label: c.label })),
    { value: 'TREND', label: `${TREND_TITLE}: change in ${trendColumn.label.toLowerCase()}` },
  ];
  const item = (row: KpiTable_RowFragment, isCompany: boolean) => (
    <StackedItem
      key={isCompany ? 'company' : row.key}
      data-testid={isCompany ? 'kpi-company-row' : 'kpi-row'}
      aria-label={isCompany ? 'Company' : row.label}
      tint={isCompany ? 'var(--mantine-color-blue-0)' : undefined}
    >
      <RowName row={row} href={isCompany ? null : nameLink(row)} company={isCompany} />
      <FigureFacts>
        {KPI_COLUMNS.map((column) => (
          <Stack key={column.metric} gap={0}>
            <Text size="xs" c="dimmed" fw={600}>
              {column.label}
            </Text>
            <Figure column={column} row={row} open={openFigure(row, column.metric)} />
          </Stack>
        ))}
        <Stack gap={0}>
          <Text size="xs" c="dimmed" fw={600}>
            {trendColumn.label}, {TREND_TITLE}
          </Text>
          <KpiSparkline row={row} column={trendColumn} />
        </Stack>
      </FigureFacts>
    </StackedItem>
  );
  return (
    <Stack gap={0}>
      <Group gap="xs" align="flex-end" pb="xs" px="xs">
        <NativeSelect
          size="xs"
          label="Sort by"
          data={sorts}
          value={sort.field}
          onChange={(event) => onSort(event.currentTarget.value as KpiSortField)}
          style={{ flex: 1 }}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={sort.direction === 'ASC' ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          onClick={() => onSort(sort.field)}
          aria-label={`${sort.direction === 'ASC' ? 'Ascending' : 'Descending'}: reverse the order`}
        >
          {sort.direction === 'ASC' ? 'Ascending' : 'Descending'}
        </Button>
      </Group>
      <StackedList label={`KPIs by ${DIMENSION_LABELS[dimension].one.toLowerCase()}`}>
        {item(company, true)}
        {rows.map((row) => item(row, false))}
      </StackedList>
    </Stack>
  );
}
