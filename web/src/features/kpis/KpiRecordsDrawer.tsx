import { useQuery } from '@apollo/client/react';
import { KPI_METRIC_INFO, type KpiMetric } from '@groundwork/shared';
import { Alert, Anchor, Badge, Drawer, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { KpiRecordsInput, KpiRecordsQuery as KpiRecordsResult } from '../../gql/graphql';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatCount } from '../../ui/count.format';
import { formatDateTime } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';
import { formatHours, formatOutOf, KPI_AT_LABELS, KPI_GOOD_LABELS } from './kpi.format';
import { KpiRecordsQuery } from './kpi.graphql';

export type KpiRecord = KpiRecordsResult['kpiRecords']['records'][number];

type KpiRecordsDrawerProps = {
  /** What to list; null when closed. */
  input: (KpiRecordsInput & { metric: KpiMetric }) | null;
  /** The row the figure is in ("Company" for the company row). */
  rowLabel: string;
  /** Why the list may not add up to the figure (the company row's records are the viewer's). */
  scopeNote: string | null;
  monthLabel: string;
  onClose: () => void;
  /** Where a record's title leads; null: it opens in place with `onOpenRecord`. */
  recordHref: (record: KpiRecord) => string | null;
  onOpenRecord?: (record: KpiRecord) => void;
  /** Whether account names link to their pages (roles that open accounts). */
  linkAccounts: boolean;
};

function Verdict({ metric, good }: { metric: KpiMetric; good: boolean | null }) {
  const labels = KPI_GOOD_LABELS[metric];
  if (good === null || !labels) return null;
  return (
    <Badge size="sm" variant="light" color={good ? 'green' : 'red'} style={{ minWidth: 'max-content' }}>
      {good ? labels.good : labels.bad}
    </Badge>
  );
}

function RecordTitle({
  record,
  href,
  onOpen,
}: {
  record: KpiRecord;
  href: string | null;
  onOpen?: (record: KpiRecord) => void;
}) {
  if (href) {
    return (
      <Anchor component={Link} to={href} size="sm" fw={600}>
        {record.title}
      </Anchor>
    );
  }
  if (onOpen) {
    return (
      <UnstyledButton onClick={() => onOpen(record)} fz="sm" fw={600} c="blue.8" td="underline">
        {record.title}
      </UnstyledButton>
    );
  }
  return (
    <Text size="sm" fw={600}>
      {record.title}
    </Text>
  );
}

/** What else a record counted with: when, how long, how much, how many walks. */
function recordFacts(record: KpiRecord, metric: KpiMetric, timeZone: string): string[] {
  const facts: string[] = [];
  const atLabel = KPI_AT_LABELS[metric] ?? (metric === 'SAFETY' ? (record.good ? 'Resolved' : 'Reported') : null);
  if (record.at) facts.push(`${atLabel ?? 'On'} ${formatDateTime(record.at, timeZone)}`);
  if (record.hours !== null) facts.push(`fixed in ${formatHours(record.hours)}`);
  if (record.value !== null) facts.push(formatMoney(record.value));
  const walks = formatOutOf(record.done, record.expected);
  if (walks) facts.push(`${walks} walks`);
  return facts;
}

/**
 * The records behind one figure of the KPI table: what the server counted for
 * it (the same definitions), each with its verdict, and a way to the record
 * itself. Full screen on a phone.
 */
export function KpiRecordsDrawer({
  input,
  rowLabel,
  scopeNote,
  monthLabel,
  onClose,
  recordHref,
  onOpenRecord,
  linkAccounts,
}: KpiRecordsDrawerProps) {
  const phone = usePhoneList();
  const timeZone = useCompanyTimeZone();
  const { data, error, refetch } = useQuery(KpiRecordsQuery, {
    variables: { input: input! },
    skip: input === null,
  });
  const info = input ? KPI_METRIC_INFO[input.metric] : null;
  // Another figure's records never stand in while this one's load.
  const result = data?.kpiRecords;

  let body;
  if (!input || !info) {
    body = null;
  } else if (error && !result) {
    body = <QueryError error={error} what="the records" onRetry={() => void refetch()} />;
  } else if (!result) {
    body = <SectionSkeleton lines={6} />;
  } else if (result.total === 0) {
    body = <Empty title={`Nothing counted in ${monthLabel}`} description="No record went into this figure." />;
  } else {
    body = (
      <Stack gap="xs">
        <Text size="sm" fw={600} data-testid="kpi-records-count">
          {result.truncated
            ? `Showing ${result.records.length} of ${formatCount(result.total, 'record')}`
            : formatCount(result.total, 'record')}
        </Text>
        <StackedList label="Records">
          {result.records.map((record) => (
            <StackedItem key={`${record.kind}:${record.id}`} data-testid="kpi-record">
              <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                <RecordTitle record={record} href={recordHref(record)} onOpen={onOpenRecord} />
                <Verdict metric={input.metric} good={record.good} />
              </Group>
              {record.kind !== 'ACCOUNT' &&
                (linkAccounts ? (
                  <Anchor component={Link} to={`/accounts/${record.accountId}`} size="xs" c="dimmed">
                    {record.accountName}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed">
                    {record.accountName}
                  </Text>
                ))}
              <Text size="xs">{recordFacts(record, input.metric, timeZone).join(' · ')}</Text>
              {record.note && (
                <Text size="xs" c="dimmed">
                  {record.note}
                </Text>
              )}
            </StackedItem>
          ))}
        </StackedList>
      </Stack>
    );
  }

  return (
    <Drawer
      opened={input !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'md'}
      title={info ? `${info.label} · ${rowLabel}` : ''}
    >
      {info && (
        <Stack gap="sm">
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {monthLabel}
            </Text>
            <Text size="sm" c="dimmed">
              {info.means}
            </Text>
          </Stack>
          {scopeNote && (
            <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />} p="xs">
              <Text size="xs">{scopeNote}</Text>
            </Alert>
          )}
          {body}
        </Stack>
      )}
    </Drawer>
  );
}
