import { DueWorkCard } from '../plans/DueWorkCard';
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { HEALTH_BAND_LABELS, HEALTH_BANDS, RENEWAL_RISKS, type HealthBand, type RenewalRisk } from '@groundwork/shared';
import { Badge, Box, Button, Card, Chip, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import { HEALTH_BAND_COLORS, RENEWAL_RISK_COLORS } from '../../ui/domain.colors';
import { formatMoney } from '../../ui/money.format';
import { Empty, QueryError, SectionSkeleton, TableSkeleton } from '../../ui/QueryState';
import { useSearchParamsState } from '../../ui/search-params.hook';
import { formatCount } from '../../ui/count.format';
import { useSignedInUser } from '../auth/auth.context';
import { useLiveView } from '../live/live-view.hook';
import { PORTFOLIO_LIVE_FILTER } from './health.live';
import { RENEWAL_RISK_LABELS } from './health.format';
import { PortfolioAccountsTable } from './PortfolioAccountsTable';
import { PortfolioSummary } from './PortfolioSummary';
import { sortAccounts } from './portfolio.sort';
import {
  parsePortfolioViewState,
  portfolioFilter,
  toggleSort,
  writePortfolioViewState,
  type PortfolioViewState,
} from './portfolio.url-state';

// The portfolio carries its own `cursor` (the event cursor it was read at), so
// live updates start exactly where the numbers were read.
export const PortfolioPageQuery = graphql(`
  query PortfolioPage($filter: PortfolioFilter) {
    portfolio(filter: $filter) {
      cursor
      ...PortfolioSummary_portfolio
      keyAccounts {
        id
        ...PortfolioAccountsTable_account
      }
      renewals {
        id
        ...PortfolioAccountsTable_account
      }
    }
  }
`);

function FilterChips<T extends string>({
  label,
  values,
  selected,
  labels,
  colors,
  onChange,
}: {
  label: string;
  values: readonly T[];
  selected: readonly T[];
  labels: Readonly<Record<T, string>>;
  colors: Readonly<Record<T, string>>;
  onChange: (next: T[]) => void;
}) {
  return (
    <Group gap={6} role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Chip.Group multiple value={[...selected]} onChange={(next) => onChange(values.filter((v) => next.includes(v)))}>
        {values.map((value) => (
          <Chip key={value} value={value} size="xs" color={colors[value]} variant="light">
            {labels[value]}
          </Chip>
        ))}
      </Chip.Group>
    </Group>
  );
}

/** How the key accounts are ranked, in words under the title. */
const KEY_SORT_WORDS: Record<PortfolioViewState['keySort']['field'], string> = {
  VALUE: 'ranked by annual value, health beside each',
  WEIGHTED: 'ranked by value × health',
  SCORE: 'ranked by health',
  TREND: 'ranked by 30-day trend',
  RENEWAL: 'ranked by renewal date',
  RISK: 'ranked by renewal risk',
  NAME: 'by name',
};

export function PortfolioPage() {
  const { role } = useSignedInUser();
  const [params, setParams] = useSearchParamsState();
  const state = useMemo(() => parsePortfolioViewState(params), [params]);
  const update = (patch: Partial<PortfolioViewState> | ((view: PortfolioViewState) => Partial<PortfolioViewState>)) =>
    // Refining the same view: replace the history entry rather than stacking one per click.
    setParams(
      (current) => {
        const view = parsePortfolioViewState(current);
        return writePortfolioViewState({ ...view, ...(typeof patch === 'function' ? patch(view) : patch) }, current);
      },
      { replace: true },
    );

  const { data, previousData, error, refetch, networkStatus } = useQuery(PortfolioPageQuery, {
    variables: { filter: portfolioFilter(state) },
    notifyOnNetworkStatusChange: true,
    // A portfolio cached from an earlier visit shows at once but is reloaded: live updates start from the fresh read.
    fetchPolicy: 'cache-and-network',
  });
  useLiveView({
    cursor: networkStatus === NetworkStatus.ready ? data?.portfolio.cursor : undefined,
    filter: PORTFOLIO_LIVE_FILTER,
    // Any account's health moves the totals, not just the rows shown.
    touches: () => true,
    reload: async () => (await refetch()).data?.portfolio.cursor,
  });

  const shown = data ?? previousData;
  const portfolio = shown?.portfolio;
  const refreshing = networkStatus === NetworkStatus.setVariables;
  const keyAccounts = useMemo(
    () => sortAccounts(portfolio?.keyAccounts ?? [], state.keySort),
    [portfolio?.keyAccounts, state.keySort],
  );
  const renewals = useMemo(
    () => sortAccounts(portfolio?.renewals ?? [], state.renewalSort),
    [portfolio?.renewals, state.renewalSort],
  );
  const filtered = state.bands.length > 0 || state.risks.length > 0;
  const clearFilters = () => update({ bands: [], risks: [] });

  let body;
  if (error && !portfolio) {
    body = <QueryError error={error} what="the portfolio" onRetry={() => void refetch()} />;
  } else if (!portfolio) {
    body = (
      <Stack gap="md">
        <Card>
          <SectionSkeleton lines={3} />
        </Card>
        <Card p={0}>
          <TableSkeleton columns={8} rows={6} />
        </Card>
      </Stack>
    );
  } else if (portfolio.accountCount === 0) {
    body = filtered ? (
      <Empty title="No accounts match these filters" description="The filters narrow the totals and both lists.">
        <Button size="xs" variant="light" onClick={clearFilters}>
          Clear filters
        </Button>
      </Empty>
    ) : (
      <Empty
        title="No accounts in this book yet"
        description={
          role === 'ACCOUNT_MANAGER'
            ? 'Accounts you manage appear here with their health once they are assigned to you.'
            : 'Accounts appear here with their health once they are created or imported.'
        }
      />
    );
  } else {
    const highCount = renewals.filter((a) => a.health?.renewal.risk === 'HIGH').length;
    body = (
      <Stack gap="md" style={{ opacity: refreshing ? 0.55 : 1, transition: 'opacity 120ms' }} aria-busy={refreshing}>
        <PortfolioSummary portfolio={portfolio} />
        {role !== 'ACCOUNT_MANAGER' && <DueWorkCard teamWide />}
        <Card p={0} data-testid="key-accounts">
          <Group justify="space-between" px="md" pt="md" pb="xs" align="flex-end">
            <Box>
              <Title order={4}>Key accounts</Title>
              <Text size="sm" c="dimmed">
                The {formatCount(keyAccounts.length, 'largest account')} making{' '}
                {Math.round(
                  portfolio.totalAnnualValue > 0 ? (portfolio.keyAccountValue / portfolio.totalAnnualValue) * 100 : 0,
                )}
                % of the value ({formatMoney(portfolio.keyAccountValue)}), {KEY_SORT_WORDS[state.keySort.field]}
              </Text>
            </Box>
          </Group>
          <PortfolioAccountsTable
            accounts={keyAccounts}
            variant="key"
            label="Key accounts"
            sort={state.keySort}
            onSort={(field) => update((view) => ({ keySort: toggleSort(view.keySort, field) }))}
          />
        </Card>
        <Card p={0} data-testid="renewals">
          <Group justify="space-between" px="md" pt="md" pb="xs" align="flex-end">
            <Box>
              <Title order={4}>Renewals in the next {portfolio.renewalHorizonDays} days</Title>
              <Text size="sm" c="dimmed">
                {formatCount(renewals.length, 'renewal')}
                {highCount > 0 ? `, ${highCount} at HIGH risk` : ''} — risk and why, HIGH first, then soonest
              </Text>
            </Box>
            {portfolio.revenueAtRisk > 0 && (
              <Badge color="red" variant="light" size="lg">
                {formatMoney(portfolio.revenueAtRisk)} at risk
              </Badge>
            )}
          </Group>
          {renewals.length === 0 ? (
            <Empty
              title={`No renewals in the next ${portfolio.renewalHorizonDays} days`}
              description="Accounts show here as their renewal date comes within the horizon."
            />
          ) : (
            <PortfolioAccountsTable
              accounts={renewals}
              variant="renewals"
              label="Renewals"
              sort={state.renewalSort}
              onSort={(field) => update((view) => ({ renewalSort: toggleSort(view.renewalSort, field) }))}
            />
          )}
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        {/* The server gives an account manager their own book only; say so. */}
        <Title order={3}>{role === 'ACCOUNT_MANAGER' ? 'My book' : 'Portfolio'}</Title>
        <Group gap="lg">
          <FilterChips<HealthBand>
            label="Band"
            values={HEALTH_BANDS}
            selected={state.bands}
            labels={HEALTH_BAND_LABELS}
            colors={HEALTH_BAND_COLORS}
            onChange={(bands) => update({ bands })}
          />
          <FilterChips<RenewalRisk>
            label="Risk"
            values={[...RENEWAL_RISKS].reverse()}
            selected={state.risks}
            labels={RENEWAL_RISK_LABELS}
            colors={RENEWAL_RISK_COLORS}
            onChange={(risks) => update({ risks })}
          />
          {filtered && (
            <Button size="compact-xs" variant="subtle" onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Group>
      </Group>
      {error && portfolio && <QueryError error={error} what="the latest portfolio" onRetry={() => void refetch()} />}
      {body}
    </Stack>
  );
}
