import { HEALTH_BAND_LABELS, type HealthThresholds } from '@groundwork/shared';
import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { PortfolioAccountsTable_AccountFragment } from '../../gql/graphql';
import { formatLocalDate } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { describeRenewal } from '../accounts/account.format';
import { HealthBadge, RiskBadge, TrendText } from './HealthBadge';
import { HealthSparkline } from './HealthSparkline';
import { RenewalReasons } from './RenewalReasons';
import { healthWeightedValue } from './health.format';
import type { PortfolioSort, PortfolioSortField } from './portfolio.url-state';
import { useHealthThresholds } from '../../ui/health-thresholds';

// One row shape for both portfolio tables (key accounts, renewals): the same
// account reads the same in each, and the cache holds one copy of its health.
export const PortfolioAccountsTable_account = graphql(`
  fragment PortfolioAccountsTable_account on Account {
    id
    name
    segment
    annualValue
    renewalDate
    daysToRenewal
    accountManager {
      id
      name
    }
    health {
      accountId
      score
      band
      scoreBand
      trend30d
      flags {
        key
        label
      }
      renewal {
        renewalDate
        daysToRenewal
        risk
        revenueAtRisk
        reasons
      }
      history(days: 90) {
        date
        score
        # Same selection as the account panel's: both read the one cached history.
        band
      }
    }
  }
`);

type Column = {
  key: string;
  title: string;
  sort?: PortfolioSortField;
  align?: 'left' | 'right';
  cell: (account: PortfolioAccountsTable_AccountFragment, thresholds: HealthThresholds) => ReactNode;
};

function SortableHeader({
  column,
  sort,
  onSort,
}: {
  column: Column & { sort: PortfolioSortField };
  sort: PortfolioSort;
  onSort: (field: PortfolioSortField) => void;
}) {
  const active = sort.field === column.sort;
  const Icon = !active ? IconSelector : sort.direction === 'ASC' ? IconChevronUp : IconChevronDown;
  const align = column.align ?? 'left';
  return (
    <Table.Th
      aria-sort={active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
      style={{ textAlign: align, whiteSpace: 'nowrap' }}
    >
      <UnstyledButton onClick={() => onSort(column.sort)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          {column.title}
          <Icon size={14} stroke={1.6} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

function NoHealth() {
  return (
    <Text size="xs" c="dimmed">
      Not scored yet
    </Text>
  );
}

const accountColumn: Column = {
  key: 'name',
  title: 'Account',
  sort: 'NAME',
  cell: (account) => (
    <Stack gap={0}>
      <Anchor component={Link} to={`/accounts/${account.id}`} fw={600} size="sm" c="inherit">
        {account.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {account.segment} · {account.accountManager.name}
      </Text>
    </Stack>
  ),
};

const valueColumn: Column = {
  key: 'value',
  title: 'Annual value',
  sort: 'VALUE',
  align: 'right',
  cell: (account) => formatMoney(account.annualValue),
};

const healthColumn: Column = {
  key: 'health',
  title: 'Health',
  sort: 'SCORE',
  cell: (account) => {
    const h = account.health;
    if (!h) return <NoHealth />;
    const capped = h.band !== h.scoreBand ? (h.flags[0]?.label ?? null) : null;
    return (
      <Group gap={4} wrap="nowrap">
        <HealthBadge score={h.score} band={h.band} cappedBy={capped} />
        {h.flags.length > 0 && (
          <Tooltip label={h.flags.map((f) => f.label).join('; ')}>
            <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-label="Hard flag" />
          </Tooltip>
        )}
      </Group>
    );
  },
};

const trendColumn: Column = {
  key: 'trend',
  title: '30 d',
  sort: 'TREND',
  align: 'right',
  cell: (account) => (account.health ? <TrendText trend={account.health.trend30d} /> : null),
};

const sparklineColumn: Column = {
  key: 'history',
  title: '90-day health',
  cell: (account) => (account.health ? <HealthSparkline history={account.health.history} /> : null),
};

const weightedColumn: Column = {
  key: 'weighted',
  title: 'Value × health',
  sort: 'WEIGHTED',
  align: 'right',
  cell: (account) =>
    account.health ? (
      <Tooltip label={`${formatMoney(account.annualValue)} × ${account.health.score} / 100`}>
        <Text size="sm" span style={numeric}>
          {formatMoney(Math.round(healthWeightedValue(account.annualValue, account.health.score)))}
        </Text>
      </Tooltip>
    ) : (
      '—'
    ),
};

const renewalColumn: Column = {
  key: 'renewal',
  title: 'Renewal',
  sort: 'RENEWAL',
  cell: (account, thresholds) => {
    const renewal = describeRenewal(account.daysToRenewal, thresholds);
    return (
      <Stack gap={0}>
        <Text size="sm">{formatLocalDate(account.renewalDate)}</Text>
        <Text
          size="xs"
          c={renewal.tone === 'gray' ? 'dimmed' : `${renewal.tone}.8`}
          fw={renewal.tone === 'gray' ? 400 : 600}
        >
          {renewal.label}
        </Text>
      </Stack>
    );
  },
};

const riskColumn: Column = {
  key: 'risk',
  title: 'Risk',
  sort: 'RISK',
  cell: (account) => (account.health ? <RiskBadge risk={account.health.renewal.risk} /> : null),
};

const reasonsColumn: Column = {
  key: 'reasons',
  title: 'Why',
  // The top two read in the row; the rest open in place (a phone has no hover for a tooltip).
  cell: (account) => <RenewalReasons reasons={account.health?.renewal.reasons ?? []} collapsedCount={2} />,
};

const atRiskColumn: Column = {
  key: 'atRisk',
  title: 'Revenue at risk',
  align: 'right',
  cell: (account) =>
    account.health && account.health.renewal.revenueAtRisk > 0 ? (
      <Text size="sm" c="red.8" fw={600} style={numeric}>
        {formatMoney(account.health.renewal.revenueAtRisk)}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        —
      </Text>
    ),
};

export const PORTFOLIO_TABLE_COLUMNS = {
  key: [
    accountColumn,
    valueColumn,
    healthColumn,
    trendColumn,
    sparklineColumn,
    weightedColumn,
    renewalColumn,
    riskColumn,
  ],
  renewals: [
    accountColumn,
    renewalColumn,
    riskColumn,
    reasonsColumn,
    healthColumn,
    trendColumn,
    sparklineColumn,
    valueColumn,
    atRiskColumn,
  ],
} as const;

/**
 * On a phone, one card per account rather than a table nine columns wide: the
 * name first, then each column's value under its title, the reasons across
 * the whole width, so an executive reads them without scrolling sideways.
 */
function AccountCards({
  accounts,
  variant,
  label,
  thresholds,
  sort,
  onSort,
}: {
  accounts: readonly PortfolioAccountsTable_AccountFragment[];
  variant: keyof typeof PORTFOLIO_TABLE_COLUMNS;
  label: string;
  thresholds: HealthThresholds;
  sort: PortfolioSort;
  onSort: (field: PortfolioSortField) => void;
}) {
  const [nameColumn, ...rest] = PORTFOLIO_TABLE_COLUMNS[variant];
  // The 90-day line needs a table row's width; the trend beside the health says the same in short.
  const shown = rest.filter((column) => column.key !== 'history');
  // No column headers to tap: the sorts are offered in a list (picking the current one reverses it).
  const sorts = PORTFOLIO_TABLE_COLUMNS[variant].flatMap((column) =>
    column.sort ? [{ value: column.sort, label: column.title }] : [],
  );
  return (
    <Stack gap={0}>
      <NativeSelect
        px="md"
        pb="xs"
        size="xs"
        label="Sort by"
        data={sorts}
        value={sort.field}
        onChange={(event) => onSort(event.currentTarget.value as PortfolioSortField)}
      />
      <Stack gap={0} role="list" aria-label={label}>
        {accounts.map((account) => (
          <Stack
            key={account.id}
            role="listitem"
            gap="xs"
            px="md"
            py="sm"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            data-testid={`${variant}-row`}
            data-band={account.health?.band}
            aria-label={`${account.name}${account.health ? `, ${HEALTH_BAND_LABELS[account.health.band]}` : ''}`}
          >
            {nameColumn.cell(account, thresholds)}
            <SimpleGrid cols={2} spacing="sm" verticalSpacing={6}>
              {shown.map((column) => (
                <Stack
                  key={column.key}
                  gap={0}
                  style={column.key === 'reasons' ? { gridColumn: '1 / -1', order: -1 } : undefined}
                >
                  <Text size="xs" c="dimmed" fw={600}>
                    {column.title}
                  </Text>
                  <div>{column.cell(account, thresholds)}</div>
                </Stack>
              ))}
            </SimpleGrid>
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

type PortfolioAccountsTableProps = {
  /** Already sorted. */
  accounts: readonly PortfolioAccountsTable_AccountFragment[];
  variant: keyof typeof PORTFOLIO_TABLE_COLUMNS;
  sort: PortfolioSort;
  onSort: (field: PortfolioSortField) => void;
  /** Names the table for screen readers and tests. */
  label: string;
};

/** Portfolio accounts with health, its 90-day line and the renewal, in the columns the variant needs. */
export function PortfolioAccountsTable({ accounts, variant, sort, onSort, label }: PortfolioAccountsTableProps) {
  const thresholds = useHealthThresholds();
  const phone = useMediaQuery('(max-width: 36em)');
  const columns: readonly Column[] = PORTFOLIO_TABLE_COLUMNS[variant];
  if (phone) {
    return (
      <AccountCards
        accounts={accounts}
        variant={variant}
        label={label}
        thresholds={thresholds}
        sort={sort}
        onSort={onSort}
      />
    );
  }
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table highlightOnHover horizontalSpacing="xs" aria-label={label} verticalSpacing={8}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              column.sort ? (
                <SortableHeader
                  key={column.key}
                  column={{ ...column, sort: column.sort }}
                  sort={sort}
                  onSort={onSort}
                />
              ) : (
                <Table.Th key={column.key} style={{ textAlign: column.align ?? 'left', whiteSpace: 'nowrap' }}>
                  {column.title}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr
              key={account.id}
              data-testid={`${variant}-row`}
              data-band={account.health?.band}
              aria-label={`${account.name}${account.health ? `, ${HEALTH_BAND_LABELS[account.health.band]}` : ''}`}
            >
              {columns.map((column) => (
                <Table.Td
                  key={column.key}
                  style={{ textAlign: column.align ?? 'left', ...(column.align === 'right' ? numeric : {}) }}
                >
                  {column.cell(account, thresholds)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
