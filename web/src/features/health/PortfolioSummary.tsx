import { HEALTH_BAND_LABELS, HEALTH_BANDS, type HealthBand } from '@groundwork/shared';
import { DonutChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import type { PortfolioSummary_PortfolioFragment } from '../../gql/graphql';
import { HEALTH_BAND_COLORS } from '../../ui/domain.colors';
import { formatMoney, formatMoneyCompact } from '../../ui/money.format';
import { formatCount } from '../../ui/count.format';
import { useHealthThresholds } from '../../ui/health-thresholds';

export const PortfolioSummary_portfolio = graphql(`
  fragment PortfolioSummary_portfolio on Portfolio {
    accountCount
    totalAnnualValue
    revenueWeightedHealth
    revenueAtRisk
    mediumRevenueAtRisk
    keyAccountValue
    keyAccountShare
    renewalHorizonDays
    bandCounts {
      healthy
      watch
      atRisk
    }
    riskCounts {
      high
      medium
      low
    }
  }
`);

const BAND_COUNT_FIELD: Record<HealthBand, 'healthy' | 'watch' | 'atRisk'> = {
  HEALTHY: 'healthy',
  WATCH: 'watch',
  AT_RISK: 'atRisk',
};

function Stat({
  label,
  value,
  children,
  testId,
}: {
  label: string;
  value: string;
  children?: React.ReactNode;
  testId: string;
}) {
  return (
    <Card data-testid={testId}>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text fz={28} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {value}
        </Text>
        {children}
      </Stack>
    </Card>
  );
}

/** The book in four numbers and one chart: value, revenue-weighted health, revenue at risk, accounts by band. */
export function PortfolioSummary({ portfolio }: { portfolio: PortfolioSummary_PortfolioFragment }) {
  const thresholds = useHealthThresholds();
  const weighted = portfolio.revenueWeightedHealth;
  const riskShare = portfolio.totalAnnualValue > 0 ? portfolio.revenueAtRisk / portfolio.totalAnnualValue : 0;
  const donut = HEALTH_BANDS.map((band) => ({
    name: HEALTH_BAND_LABELS[band],
    value: portfolio.bandCounts[BAND_COUNT_FIELD[band]],
    color: `${HEALTH_BAND_COLORS[band]}.6`,
  }));

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
      <Stat label="Total annual value" value={formatMoneyCompact(portfolio.totalAnnualValue)} testId="stat-total">
        <Text size="sm" c="dimmed">
          {formatMoney(portfolio.totalAnnualValue)} across {formatCount(portfolio.accountCount, 'account')}
        </Text>
      </Stat>
      <Stat
        label="Revenue-weighted health"
        value={weighted == null ? '—' : String(Math.round(weighted))}
        testId="stat-health"
      >
        {/* No band here: bands are the server's configuration, and this is an average, not an account. */}
        <Text size="sm" c="dimmed">
          {weighted == null ? 'No accounts scored yet' : 'of 100, each account weighted by its value'}
        </Text>
      </Stat>
      <Stat label="Revenue at risk" value={formatMoneyCompact(portfolio.revenueAtRisk)} testId="stat-risk">
        <Text size="sm" c={portfolio.revenueAtRisk > 0 ? 'red.8' : 'dimmed'} fw={600}>
          {formatCount(portfolio.riskCounts.high, 'HIGH renewal')} · {Math.round(riskShare * 100)}% of value
        </Text>
        <Text size="sm" c={portfolio.mediumRevenueAtRisk > 0 ? 'orange.8' : 'dimmed'} data-testid="stat-medium">
          + {formatMoneyCompact(portfolio.mediumRevenueAtRisk)} at MEDIUM ({portfolio.riskCounts.medium}), not included
        </Text>
        {/* In the page, not a tooltip: a phone has no hover, and a wide tooltip widened the page. */}
        <Text size="xs" c="dimmed" data-testid="stat-risk-rule">
          HIGH: renewing within {formatCount(thresholds.renewalHorizonDays, 'day')} and At risk, or down{' '}
          {formatCount(-thresholds.renewalTrendDrop, 'point')} or more in {formatCount(thresholds.trendDays, 'day')}.
        </Text>
      </Stat>
      <Card data-testid="stat-bands">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Accounts by band
            </Text>
            {HEALTH_BANDS.map((band) => (
              <Group key={band} gap={6} wrap="nowrap">
                <div
                  style={{
                    width: 10,
                    height: 10,
                    borderRadius: 2,
                    background: `var(--mantine-color-${HEALTH_BAND_COLORS[band]}-6)`,
                  }}
                  aria-hidden
                />
                <Text size="sm">
                  {HEALTH_BAND_LABELS[band]}{' '}
                  <Text span fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {portfolio.bandCounts[BAND_COUNT_FIELD[band]]}
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
          <DonutChart
            data={donut}
            size={92}
            thickness={14}
            withTooltip={false}
            chartLabel={portfolio.accountCount}
            role="img"
            aria-label="Accounts by health band"
          />
        </Group>
      </Card>
    </SimpleGrid>
  );
}
