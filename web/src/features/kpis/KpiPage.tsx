import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import {
  KPI_METRIC_INFO,
  KPI_METRICS,
  monthOf,
  type KpiDimension,
  type KpiMetric,
  type Role,
} from '@groundwork/shared';
import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  NativeSelect,
  Pill,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFilter } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { KpiInput, KpiRecordsInput, KpiTable_RowFragment } from '../../gql/graphql';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatCount } from '../../ui/count.format';
import { formatDateTime } from '../../ui/date.format';
import { Empty, QueryError, TableSkeleton } from '../../ui/QueryState';
import { useSearchParamsState } from '../../ui/search-params.hook';
import { useSignedInUser } from '../auth/auth.context';
import { canOpenSection } from '../auth/role.access';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import { kpiColumn, selectedFigures } from './kpi.columns';
import { kpiCsv, kpiCsvFileName } from './kpi.csv';
import { DIMENSION_LABELS, formatMonth, monthChoices } from './kpi.format';
import { KpiCrewNamesQuery, KpiManagerNameQuery, KpiPageQuery } from './kpi.graphql';
import { sortKpiRows } from './kpi.sort';
import {
  COMPANY_KEY,
  drillDown,
  KPI_DIMENSIONS_BY_ROLE,
  parseKpiViewState,
  toggleSort,
  writeKpiViewState,
  type KpiViewState,
} from './kpi.url-state';
import { KpiRecordsDrawer, type KpiRecord } from './KpiRecordsDrawer';
import { KpiTable } from './KpiTable';

/** A change of the view: fields to set, or a function of the view as the URL holds it now. */
type KpiViewPatch = Partial<KpiViewState> | ((view: KpiViewState) => Partial<KpiViewState>);

/** The table's request: the dimension, and only what narrows it (defaults left to the server). */
export function kpiInput(state: KpiViewState): KpiInput {
  return {
    dimension: state.dimension,
    ...(state.month ? { month: state.month } : {}),
    ...(state.accountManagerId ? { accountManagerId: state.accountManagerId } : {}),
    ...(state.crewId ? { crewId: state.crewId } : {}),
  };
}

/**
 * The records behind the open figure. A row's are its own, within the table's
 * filters. The company row's are every record the viewer may see — the whole
 * company for executives and ops managers, whatever the table is narrowed to;
 * a crew has no accounts, so the company's account figures are read per account.
 */
export function kpiRecordsInput(state: KpiViewState, role: Role): (KpiRecordsInput & { metric: KpiMetric }) | null {
  if (!state.records) return null;
  const { key, metric } = state.records;
  const month = state.month ? { month: state.month } : {};
  if (key === COMPANY_KEY) {
    const dimension: KpiDimension =
      role === 'CREW_LEAD'
        ? 'CREW'
        : state.dimension === 'CREW' && !KPI_METRIC_INFO[metric].crews
          ? 'ACCOUNT'
          : state.dimension;
    return { dimension, ...month, metric };
  }
  return { ...kpiInput(state), metric, key };
}

/** Under the company row's records: why they may not add up to its figure. */
function companyScopeNote(role: Role): string | null {
  if (role === 'ACCOUNT_MANAGER')
    return 'The company figure counts every account; listed are the records on your accounts.';
  if (role === 'CREW_LEAD') return 'The company figure counts every crew; listed are your crew’s records.';
  return null;
}

function downloadCsv(csv: string, fileName: string) {
  // A byte-order mark, so a spreadsheet reads the file as UTF-8 (names, "—", "→").
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A pill's remove button is hidden from the keyboard by default (it is made for inputs): here it is the way to clear. */
const clearButton = (label: string) => ({ 'aria-label': label, 'aria-hidden': false, tabIndex: 0 });

/** The drill-down filters in force, each with a way to clear it. */
function FilterPills({ state, onClear }: { state: KpiViewState; onClear: (patch: Partial<KpiViewState>) => void }) {
  const manager = useQuery(KpiManagerNameQuery, {
    variables: { accountManagerId: state.accountManagerId ?? '' },
    skip: !state.accountManagerId,
  });
  const crews = useQuery(KpiCrewNamesQuery, { skip: !state.crewId });
  if (!state.accountManagerId && !state.crewId) return null;
  const managerName = manager.data?.accounts.edges[0]?.node.accountManager.name ?? 'the chosen manager';
  const crewName = crews.data?.crews.find((c) => c.id === state.crewId)?.name ?? 'the chosen crew';
  return (
    <Group gap="xs" role="group" aria-label="Filters">
      <IconFilter size={16} stroke={1.6} aria-hidden />
      {state.accountManagerId && (
        <Pill
          size="md"
          withRemoveButton
          onRemove={() => onClear({ accountManagerId: null })}
          removeButtonProps={clearButton(`Clear the filter: accounts of ${managerName}`)}
        >
          Accounts of {managerName}
        </Pill>
      )}
      {state.crewId && (
        <Pill
          size="md"
          withRemoveButton
          onRemove={() => onClear({ crewId: null })}
          removeButtonProps={clearButton(`Clear the filter: Issues of ${crewName}`)}
        >
          Issues of {crewName}
        </Pill>
      )}
    </Group>
  );
}

function Definitions() {
  return (
    <Card withBorder p="md">
      <Title order={4} mb="xs">
        What the figures mean
      </Title>
      <Stack gap={6} component="dl" m={0}>
        {KPI_METRICS.map((metric) => (
          <Box key={metric}>
            <Text component="dt" size="sm" fw={600}>
              {KPI_METRIC_INFO[metric].label}
            </Text>
            <Text component="dd" size="sm" c="dimmed" m={0}>
              {KPI_METRIC_INFO[metric].means}
            </Text>
          </Box>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * KPIs per account manager, crew or account for a month, the company pinned
 * above them (DESIGN §7a Control): every figure opens the records behind it,
 * names drill down, the view is a link and the table a CSV.
 */
export function KpiPage() {
  const { role } = useSignedInUser();
  const timeZone = useCompanyTimeZone();
  const [params, setParams] = useSearchParamsState();
  const location = useLocation();
  const navigate = useNavigate();
  const state = useMemo(() => parseKpiViewState(params, role), [params, role]);
  const [currentMonth] = useState(() => monthOf(new Date(), timeZone));
  const [openRecord, setOpenRecord] = useState<RecordRef | null>(null);
  const opensAccounts = canOpenSection(role, 'accounts');

  /** The view as the URL holds it now, changed by `patch` (a function of that view where it toggles). */
  const search = (patch: KpiViewPatch, current: URLSearchParams) => {
    const view = parseKpiViewState(current, role);
    return writeKpiViewState({ ...view, ...(typeof patch === 'function' ? patch(view) : patch) }, role, current);
  };
  /** A new view (dimension, month, filters): a step Back undoes. */
  const go = (patch: KpiViewPatch) => setParams((current) => search(patch, current));
  /** The same view refined (sort, trend): no history entry per click. */
  const refine = (patch: KpiViewPatch) => setParams((current) => search(patch, current), { replace: true });

  const { data, previousData, error, refetch, networkStatus } = useQuery(KpiPageQuery, {
    variables: { input: kpiInput(state) },
    notifyOnNetworkStatusChange: true,
  });
  const table = (data ?? previousData)?.kpis;
  const refreshing = networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.loading;
  const rows = useMemo(
    () => sortKpiRows(table?.rows ?? [], state.sort, state.trend),
    [table?.rows, state.sort, state.trend],
  );
  const month = table?.months.at(-1) ?? state.month ?? currentMonth;
  const monthLabel = formatMonth(month, currentMonth);
  const dimensions = KPI_DIMENSIONS_BY_ROLE[role];

  const openFigure = (row: KpiTable_RowFragment, metric: KpiMetric) => {
    const company = row.key === COMPANY_KEY;
    if (kpiColumn(metric).absent(selectedFigures(row))) return null;
    // A crew lead may read its crew's Issues only: the company's account figures have no records for it.
    if (company && role === 'CREW_LEAD' && !KPI_METRIC_INFO[metric].crews) return null;
    return () =>
      setParams((current) => search({ records: { key: row.key, metric } }, current), { state: { figureOpened: true } });
  };
  const closeFigure = () => {
    // Opened from this page: Back to where it was. Opened from a link: the view without it.
    if ((location.state as { figureOpened?: boolean } | null)?.figureOpened) void navigate(-1);
    else refine({ records: null });
  };
  const nameLink = (row: KpiTable_RowFragment) => {
    if (table?.dimension === 'ACCOUNT') return opensAccounts ? `/accounts/${row.key}` : null;
    const drilled = drillDown(state, row.key, role);
    return drilled ? `?${writeKpiViewState(drilled, role, params).toString()}` : null;
  };
  const recordHref = (record: KpiRecord) => {
    if (!opensAccounts) return null;
    if (record.kind === 'ACCOUNT') return `/accounts/${record.id}`;
    return `/accounts/${record.accountId}?${record.kind === 'ISSUE' ? 'issue' : 'enhancement'}=${record.id}`;
  };
  const recordsInput = kpiRecordsInput(state, role);
  const openRowLabel = !state.records
    ? ''
    : state.records.key === COMPANY_KEY
      ? 'Company'
      : (table?.rows.find((r) => r.key === state.records!.key)?.label ?? DIMENSION_LABELS[state.dimension].one);

  let body;
  if (error && !table) {
    body = <QueryError error={error} what="the KPIs" onRetry={() => void refetch()} />;
  } else if (!table) {
    body = (
      <Card p={0}>
        <TableSkeleton columns={11} rows={6} />
      </Card>
    );
  } else {
    const dimensionLabel = DIMENSION_LABELS[table.dimension];
    body = (
      <Stack gap="sm" style={{ opacity: refreshing ? 0.55 : 1, transition: 'opacity 120ms' }} aria-busy={refreshing}>
        {table.truncated && (
          <Alert color="yellow" variant="light" data-testid="kpi-truncated">
            Showing {rows.length} of {table.rowCount} — choose a manager or crew to narrow
          </Alert>
        )}
        <Card p={0} withBorder>
          <KpiTable
            dimension={table.dimension}
            company={table.company}
            rows={rows}
            sort={state.sort}
            onSort={(field) => refine((view) => ({ sort: toggleSort(view.sort, field) }))}
            trend={state.trend}
            nameLink={nameLink}
            openFigure={openFigure}
          />
          {rows.length === 0 && (
            <Empty
              title={`No ${dimensionLabel.many.toLowerCase()} to show`}
              description="None in your view for these filters; the company row is the whole company."
            />
          )}
        </Card>
        <Text size="xs" c="dimmed">
          {formatCount(table.rowCount, dimensionLabel.one.toLowerCase())} · figures as of{' '}
          {formatDateTime(table.asOf, timeZone)}
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Box>
          <Title order={3}>KPIs</Title>
          <Text size="sm" c="dimmed">
            {role === 'CREW_LEAD' ? 'Your crew beside the company' : 'Beside the whole company'}, {monthLabel}
          </Text>
        </Box>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          disabled={!table}
          onClick={() =>
            table &&
            downloadCsv(
              kpiCsv({ dimension: table.dimension, month, company: table.company, rows }),
              kpiCsvFileName(table.dimension, month),
            )
          }
        >
          Download CSV
        </Button>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {dimensions.length > 1 && (
          <Stack gap={4}>
            <Text size="xs" fw={500} id="kpi-dimension-label">
              Rows
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="kpi-dimension-label"
              data={dimensions.map((d) => ({ value: d, label: DIMENSION_LABELS[d].many }))}
              value={state.dimension}
              onChange={(value) => go({ dimension: value as KpiDimension, records: null })}
            />
          </Stack>
        )}
        <NativeSelect
          size="xs"
          label="Month"
          data={monthChoices(currentMonth)}
          value={state.month ?? currentMonth}
          onChange={(event) => {
            const value = event.currentTarget.value;
            go({ month: value === currentMonth ? null : value, records: null });
          }}
        />
        <NativeSelect
          size="xs"
          label="12-month trend of"
          data={KPI_METRICS.map((metric) => ({ value: metric, label: KPI_METRIC_INFO[metric].label }))}
          value={state.trend}
          onChange={(event) => refine({ trend: event.currentTarget.value as KpiMetric })}
        />
      </Group>
      <FilterPills state={state} onClear={(patch) => go({ ...patch, records: null })} />
      {error && table && <QueryError error={error} what="the latest KPIs" onRetry={() => void refetch()} />}
      {body}
      <Definitions />
      <KpiRecordsDrawer
        input={openRecord ? null : recordsInput}
        rowLabel={openRowLabel}
        scopeNote={state.records?.key === COMPANY_KEY ? companyScopeNote(role) : null}
        monthLabel={monthLabel}
        onClose={closeFigure}
        recordHref={recordHref}
        onOpenRecord={(record) =>
          setOpenRecord({ kind: record.kind === 'ENHANCEMENT' ? 'ENHANCEMENT' : 'ISSUE', id: record.id })
        }
        linkAccounts={opensAccounts}
      />
      {/* Where the account page is not open to the role (a crew lead), a record opens here. */}
      {!opensAccounts && <RecordDrawer record={openRecord} onClose={() => setOpenRecord(null)} showPlace />}
    </Stack>
  );
}
