import { HEALTH_BAND_LABELS, localDateOf } from '@groundwork/shared';
import { AreaChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Card, Grid, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconClipboardList, IconSparkles, IconWalk } from '@tabler/icons-react';
import { graphql } from '../../gql';
import type { AccountHealthPanel_HealthFragment, HealthRecordKind } from '../../gql/graphql';
import { formatDateTime, formatLocalDate, formatRelativeTime } from '../../ui/date.format';
import { HEALTH_BAND_COLORS } from '../../ui/domain.colors';
import { formatMoney } from '../../ui/money.format';
import { Empty } from '../../ui/QueryState';
import { HealthBadge, RiskBadge, TrendText } from './HealthBadge';
import { formatPoints, formatShortDate } from './health.format';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { useHealthThresholds } from '../../ui/health-thresholds';
import { describeRenewal } from '../accounts/account.format';
import { RenewalReasons } from './RenewalReasons';

export const AccountHealthPanel_health = graphql(`
  fragment AccountHealthPanel_health on AccountHealth {
    accountId
    score
    band
    scoreBand
    trend30d
    computedAt
    factors {
      key
      label
      weight
      score
      pointsEarned
      pointsMissed
      detail
    }
    costliestMetrics {
      key
      label
      detail
      pointsMissed
      records {
        kind
        id
        label
        at
      }
    }
    flags {
      key
      label
      records {
        kind
        id
        label
        at
      }
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
      band
    }
  }
`);

/** A record behind a metric or flag, as the panel hands it to whoever opens it. */
export type HealthRecord = { kind: HealthRecordKind; id: string; label: string };

const KIND_ICON = { ISSUE: IconClipboardList, SITE_WALK: IconWalk, ENHANCEMENT: IconSparkles } as const;
const KIND_NOUN: Record<HealthRecordKind, string> = {
  ISSUE: 'Issue',
  SITE_WALK: 'Site walk',
  ENHANCEMENT: 'Enhancement',
};

function RecordLinks({
  records,
  onOpen,
}: {
  records: readonly (HealthRecord & { at: string })[];
  onOpen: (record: HealthRecord) => void;
}) {
  const timeZone = useCompanyTimeZone();
  if (records.length === 0) return null;
  // The day tells records apart (several walks of one property); two on the same day add the time.
  const days = records.map((record) => formatLocalDate(localDateOf(new Date(record.at), timeZone)));
  return (
    <Group gap={6} mt={4}>
      {records.map((record, i) => {
        const Icon = KIND_ICON[record.kind];
        const sameDay = days.filter((day) => day === days[i]).length > 1;
        const when = sameDay ? formatDateTime(record.at, timeZone) : days[i];
        return (
          <Anchor
            key={`${record.kind}:${record.id}`}
            component="button"
            type="button"
            size="xs"
            ta="left"
            onClick={() => onOpen({ kind: record.kind, id: record.id, label: record.label })}
            data-record-kind={record.kind}
            data-record-id={record.id}
            title={`${KIND_NOUN[record.kind]} · ${formatDateTime(record.at, timeZone)}`}
          >
            <Group gap={3} wrap="nowrap" align="flex-start">
              <Icon size={13} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <span>
                {record.label} ·{' '}
                <Text span size="xs" c="dimmed">
                  {when}
                </Text>
              </span>
            </Group>
          </Anchor>
        );
      })}
    </Group>
  );
}

function TrendChart({ health }: { health: AccountHealthPanel_HealthFragment }) {
  if (health.history.length < 2) {
    return (
      <Empty
        title="No trend yet"
        description="A daily snapshot is kept from the first day the account is scored; the line appears after two."
      />
    );
  }
  const data = health.history.map((point) => ({ date: formatShortDate(point.date), score: point.score }));
  return (
    <AreaChart
      h={170}
      data={data}
      dataKey="date"
      series={[{ name: 'score', label: 'Health', color: `${HEALTH_BAND_COLORS[health.band]}.6` }]}
      curveType="monotone"
      withDots={false}
      gridAxis="y"
      tickLine="none"
      yAxisProps={{ domain: [0, 100], width: 32 }}
      xAxisProps={{ minTickGap: 24 }}
      fillOpacity={0.25}
      role="img"
      aria-label="Health over the last 90 days"
    />
  );
}

function Factors({ health }: { health: AccountHealthPanel_HealthFragment }) {
  return (
    <Stack gap="xs" data-testid="health-factors">
      {health.factors.map((factor) => {
        const total = factor.pointsEarned + factor.pointsMissed;
        return (
          <Stack key={factor.key} gap={2} data-factor={factor.key}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Tooltip label={factor.detail} multiline w={320}>
                <Text size="sm" fw={600}>
                  {factor.label}
                </Text>
              </Tooltip>
              {factor.score == null ? (
                <Text size="xs" c="dimmed">
                  No data — left out
                </Text>
              ) : (
                <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  <Text span fw={700} c="green.8">
                    {formatPoints(factor.pointsEarned)}
                  </Text>{' '}
                  earned ·{' '}
                  <Text span fw={700} c={factor.pointsMissed > 0 ? 'red.8' : 'dimmed'}>
                    {formatPoints(factor.pointsMissed)}
                  </Text>{' '}
                  missed
                </Text>
              )}
            </Group>
            {factor.score != null && total > 0 && (
              <Progress.Root size="md">
                {/* One bar for screen readers: the points earned, named; the missed rest is the remainder. */}
                <Progress.Section
                  value={(factor.pointsEarned / total) * 100}
                  color="green.6"
                  aria-label={`${factor.label}: ${formatPoints(factor.pointsEarned)} of ${formatPoints(total)} points`}
                />
                <Progress.Section value={(factor.pointsMissed / total) * 100} color="red.2" aria-hidden />
              </Progress.Root>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

type AccountHealthPanelProps = {
  health: AccountHealthPanel_HealthFragment | null;
  /** Opens a record behind a metric or flag (a drawer, a highlighted row). */
  onOpenRecord: (record: HealthRecord) => void;
  now?: Date;
};

/** The account's health explained: score and band, trend, points per category, what costs most, flags, renewal. */
export function AccountHealthPanel({ health, onOpenRecord, now = new Date() }: AccountHealthPanelProps) {
  const timeZone = useCompanyTimeZone();
  const thresholds = useHealthThresholds();
  if (!health) {
    return (
      <Card data-testid="health-panel">
        <Title order={4}>Account health</Title>
        <Empty
          title="Not scored yet"
          description="Health is computed within a minute of the account's first activity."
        />
      </Card>
    );
  }
  const capped = health.band !== health.scoreBand;
  const renewal = health.renewal;
  // The same words and colours as the account header's renewal, from the same server count.
  const renewalTime = describeRenewal(renewal.daysToRenewal, thresholds);
  return (
    <Card data-testid="health-panel">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="md" align="center">
            <Title order={4}>Account health</Title>
            <Text
              fz={32}
              fw={750}
              lh={1}
              c={`${HEALTH_BAND_COLORS[health.band]}.8`}
              data-testid="health-score"
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {health.score}
            </Text>
            <HealthBadge
              score={health.score}
              band={health.band}
              cappedBy={capped ? health.flags[0]?.label : null}
              withScore={false}
            />
            <Group gap={4}>
              <TrendText trend={health.trend30d} />
              <Text size="xs" c="dimmed">
                in 30 days
              </Text>
            </Group>
          </Group>
          <Text size="xs" c="dimmed" title={formatDateTime(health.computedAt, timeZone)}>
            Computed {formatRelativeTime(health.computedAt, now, timeZone)}
          </Text>
        </Group>

        {health.flags.map((flag) => (
          <Alert
            key={flag.key}
            color="red"
            variant="light"
            icon={<IconAlertOctagon size={18} />}
            title={flag.label}
            data-testid="health-flag"
          >
            <Text size="sm">
              {capped
                ? `Caps the band at ${HEALTH_BAND_LABELS.AT_RISK} whatever the score (the score alone says ${HEALTH_BAND_LABELS[health.scoreBand]}).`
                : 'A hard flag: the band stays At risk until it clears.'}
            </Text>
            <RecordLinks records={flag.records} onOpen={onOpenRecord} />
          </Alert>
        ))}

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
              Last 90 days
            </Text>
            <TrendChart health={health} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap={6} data-testid="renewal-outlook">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                Renewal outlook
              </Text>
              <Group gap="xs">
                <Text fw={600}>{formatLocalDate(renewal.renewalDate)}</Text>
                <RiskBadge risk={renewal.risk} />
              </Group>
              <Text
                size="sm"
                c={renewalTime.tone === 'gray' ? 'dimmed' : `${renewalTime.tone}.8`}
                data-testid="renewal-days"
              >
                {renewalTime.label}
              </Text>
              <Text size="sm">
                Revenue at risk:{' '}
                <Text span fw={700} c={renewal.revenueAtRisk > 0 ? 'red.8' : undefined}>
                  {formatMoney(renewal.revenueAtRisk)}
                </Text>
              </Text>
              <RenewalReasons reasons={renewal.reasons} />
            </Stack>
          </Grid.Col>
        </Grid>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={6}>
              Points by category
            </Text>
            <Factors health={health} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={6}>
              Costing the most points
            </Text>
            {health.costliestMetrics.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing: every measured metric is at its best.
              </Text>
            ) : (
              <Stack gap="sm" data-testid="costliest-metrics">
                {health.costliestMetrics.map((metric) => (
                  <Stack key={metric.key} gap={0} data-metric={metric.key}>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <Text size="sm" fw={600}>
                        {metric.label}
                      </Text>
                      <Badge color="red" variant="light" size="sm" style={{ flexShrink: 0 }}>
                        −{formatPoints(metric.pointsMissed)} pts
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {metric.detail}
                    </Text>
                    <RecordLinks records={metric.records} onOpen={onOpenRecord} />
                  </Stack>
                ))}
              </Stack>
            )}
          </Grid.Col>
        </Grid>
      </Stack>
    </Card>
  );
}
