import { useQuery } from '@apollo/client/react';
import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS, ISSUE_URGENCY_LABELS } from '@groundwork/shared';
import { Badge, ColorSwatch, Drawer, Group, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import type { IssueSource } from '../../gql/graphql';
import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { EnhancementDetails } from '../enhancements/EnhancementDetails';
import type { HealthRecord } from './AccountHealthPanel';
import { FactsTable } from '../../ui/FactsTable';
import { useCompanyTimeZone } from '../../ui/company-calendar';

export const HealthRecordIssueQuery = graphql(`
  query HealthRecordIssue($id: ID!) {
    issue(id: $id) {
      id
      title
      description
      category
      urgency
      status
      source
      overdue
      reopenCount
      createdAt
      dueAt
      resolvedAt
      verifiedAt
      version
      property {
        id
        name
      }
      crew {
        id
        name
        color
      }
    }
  }
`);

const SOURCE_LABELS: Record<IssueSource, string> = {
  SITE_WALK: 'Found on a site walk',
  CUSTOMER: 'Raised by the customer',
  CREW: 'Reported by a crew',
};

function IssueRecord({ id }: { id: string }) {
  const timeZone = useCompanyTimeZone();
  const { data, error, refetch } = useQuery(HealthRecordIssueQuery, { variables: { id } });
  if (error && !data) return <QueryError error={error} what="this issue" onRetry={() => void refetch()} />;
  if (!data) return <SectionSkeleton lines={6} />;
  const issue = data.issue;
  if (!issue) return <Empty title="Issue not found" description="It may have been removed, or you cannot see it." />;
  return (
    <Stack gap="sm" data-testid="record-issue" data-record-id={issue.id}>
      <Text fw={700} size="lg">
        {issue.title}
      </Text>
      <Group gap={6}>
        <Badge color={ISSUE_STATUS_COLORS[issue.status]} variant="light">
          {ISSUE_STATUS_LABELS[issue.status]}
        </Badge>
        <Badge color={ISSUE_URGENCY_COLORS[issue.urgency]} variant={issue.urgency === 'URGENT' ? 'filled' : 'light'}>
          {ISSUE_URGENCY_LABELS[issue.urgency]}
        </Badge>
        {issue.overdue && (
          <Badge color="red" variant="filled">
            Overdue
          </Badge>
        )}
      </Group>
      {issue.description && <Text size="sm">{issue.description}</Text>}
      <FactsTable
        rows={[
          ['Property', issue.property.name],
          ['Category', ISSUE_CATEGORY_LABELS[issue.category]],
          ['Source', SOURCE_LABELS[issue.source]],
          [
            'Crew',
            issue.crew ? (
              <Group gap={6}>
                <ColorSwatch color={issue.crew.color} size={10} withShadow={false} aria-hidden />
                {issue.crew.name}
              </Group>
            ) : (
              'Unrouted'
            ),
          ],
          [
            'Reported',
            `${formatDateTime(issue.createdAt, timeZone)} (${formatRelativeTime(issue.createdAt, new Date(), timeZone)})`,
          ],
          ['Due', issue.dueAt ? formatDateTime(issue.dueAt, timeZone) : 'No due date'],
          ['Resolved', formatDateTime(issue.resolvedAt, timeZone)],
          ['Verified', formatDateTime(issue.verifiedAt, timeZone)],
          ['Reopened', String(issue.reopenCount)],
        ]}
      />
    </Stack>
  );
}

type HealthRecordDrawerProps = {
  /** The Issue or Enhancement to show; null when closed. Site walks open in the account's walks list instead. */
  record: HealthRecord | null;
  onClose: () => void;
};

/** Opens a record behind the health score, so "why" ends at the actual Issue or Enhancement. */
export function HealthRecordDrawer({ record, onClose }: HealthRecordDrawerProps) {
  const kind = record?.kind;
  return (
    <Drawer
      opened={record !== null && kind !== 'SITE_WALK'}
      onClose={onClose}
      position="right"
      size="md"
      title={kind === 'ENHANCEMENT' ? 'Enhancement' : 'Issue'}
    >
      {record?.kind === 'ISSUE' && <IssueRecord id={record.id} />}
      {record?.kind === 'ENHANCEMENT' && <EnhancementDetails id={record.id} showAccount={false} />}
    </Drawer>
  );
}
