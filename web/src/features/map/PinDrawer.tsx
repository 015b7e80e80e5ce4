import { useMutation, useQuery } from '@apollo/client/react';
import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS, ISSUE_URGENCY_LABELS, type IssueStatus } from '@groundwork/shared';
import { Alert, Anchor, Badge, Button, Drawer, Group, SimpleGrid, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import { describeError } from '../../ui/error.describe';
import { QueryError, SectionSkeleton } from '../../ui/QueryState';
import { EnhancementDetails } from '../enhancements/EnhancementDetails';
import type { Pin } from './map.pins';
import { PhotoGrid } from '../../ui/PhotoGrid';
import { useCompanyTimeZone } from '../../ui/company-calendar';

export const PinIssueQuery = graphql(`
  query PinIssue($id: ID!) {
    issue(id: $id) {
      id
      title
      description
      status
      urgency
      category
      overdue
      dueAt
      createdAt
      version
      allowedStatuses
      reopenCount
      source
      crew {
        id
        name
      }
      property {
        id
        name
      }
      account {
        id
        name
      }
      photos {
        id
        kind
        thumbUrl
      }
      history {
        id
        kind
        at
        fromStatus
        toStatus
        note
        actor {
          id
          name
        }
        crew {
          id
          name
        }
      }
    }
  }
`);

export const PinIssueStatusMutation = graphql(`
  mutation PinIssueStatus($input: UpdateIssueStatusInput!) {
    updateIssueStatus(input: $input) {
      id
      status
      version
      allowedStatuses
    }
  }
`);

const HISTORY_TEXT: Record<string, string> = {
  CREATED: 'Reported',
  ASSIGNED: 'Assigned',
  MOVED: 'Pin moved',
  STATUS_CHANGED: 'Status changed',
};

/** Details of the pin clicked on the map: for an Issue, everything the server has and the moves legal from here. */
export function PinDrawer({ pin, onClose }: { pin: Pin | null; onClose: () => void }) {
  return (
    <Drawer
      opened={pin !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={pin ? (pin.kind === 'ISSUE' ? 'Issue' : 'Enhancement') : ''}
    >
      {pin?.kind === 'ISSUE' && <IssueDetails id={pin.id} />}
      {pin?.kind === 'ENHANCEMENT' && <EnhancementDetails id={pin.id} />}
    </Drawer>
  );
}

function IssueDetails({ id }: { id: string }) {
  const timeZone = useCompanyTimeZone();
  const { data, error, refetch } = useQuery(PinIssueQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [updateStatus, { loading }] = useMutation(PinIssueStatusMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const issue = data?.issue;
  if (error && !issue) return <QueryError error={error} what="this Issue" onRetry={() => void refetch()} />;
  if (!issue) return <SectionSkeleton lines={8} />;

  const change = async (to: IssueStatus) => {
    setProblem(null);
    try {
      await updateStatus({ variables: { input: { issueId: issue.id, status: to, expectedVersion: issue.version } } });
      await refetch();
    } catch (err) {
      const { code, message } = describeError(err);
      setProblem(
        code === 'VERSION_CONFLICT' ? 'Someone else changed this Issue first; it now shows their change.' : message,
      );
      await refetch().catch(() => undefined);
    }
  };

  return (
    <Stack gap="sm" data-testid="pin-drawer">
      <Text fw={600} size="lg">
        {issue.title}
      </Text>
      <Group gap={6}>
        <Badge color={ISSUE_STATUS_COLORS[issue.status]}>{ISSUE_STATUS_LABELS[issue.status]}</Badge>
        <Badge color={ISSUE_URGENCY_COLORS[issue.urgency]} variant="light">
          {ISSUE_URGENCY_LABELS[issue.urgency]}
        </Badge>
        <Badge color="gray" variant="outline">
          {ISSUE_CATEGORY_LABELS[issue.category]}
        </Badge>
        {issue.overdue && <Badge color="orange">Overdue</Badge>}
      </Group>
      <Text size="sm">{issue.description || 'No description.'}</Text>
      <SimpleGrid cols={2} spacing={4} verticalSpacing={4}>
        <Text size="sm" c="dimmed">
          Due
        </Text>
        <Text size="sm">
          {issue.dueAt
            ? `${formatDateTime(issue.dueAt, timeZone)} (${formatRelativeTime(issue.dueAt, new Date(), timeZone)})`
            : '—'}
        </Text>
        <Text size="sm" c="dimmed">
          Crew
        </Text>
        <Text size="sm">{issue.crew?.name ?? 'Unrouted'}</Text>
        <Text size="sm" c="dimmed">
          Where
        </Text>
        <Text size="sm">
          <Anchor component={Link} to={`/accounts/${issue.account.id}`}>
            {issue.account.name}
          </Anchor>{' '}
          · {issue.property.name}
        </Text>
        <Text size="sm" c="dimmed">
          Reported
        </Text>
        <Text size="sm">{formatDateTime(issue.createdAt, timeZone)}</Text>
      </SimpleGrid>
      <PhotoGrid photos={issue.photos} />
      {issue.allowedStatuses.length > 0 && (
        <Group gap={6}>
          {issue.allowedStatuses.map((to) => (
            <Button key={to} size="xs" variant="light" loading={loading} onClick={() => void change(to)}>
              {to === 'ASSIGNED' && issue.status === 'RESOLVED'
                ? 'Reopen'
                : `Mark ${ISSUE_STATUS_LABELS[to].toLowerCase()}`}
            </Button>
          ))}
        </Group>
      )}
      {problem && (
        <Alert color="orange" title="Not changed">
          {problem}
        </Alert>
      )}
      <Text fw={600} size="sm" mt="xs">
        History
      </Text>
      <Timeline bulletSize={12} lineWidth={2}>
        {issue.history.map((step) => (
          <Timeline.Item key={step.id} title={HISTORY_TEXT[step.kind] ?? step.kind}>
            <Text size="xs" c="dimmed">
              {formatDateTime(step.at, timeZone)}
              {step.actor ? ` · ${step.actor.name}` : ''}
            </Text>
            {step.toStatus && (
              <Text size="xs">
                {step.fromStatus ? `${ISSUE_STATUS_LABELS[step.fromStatus]} → ` : ''}
                {ISSUE_STATUS_LABELS[step.toStatus]}
              </Text>
            )}
            {step.crew && step.kind === 'ASSIGNED' && <Text size="xs">to {step.crew.name}</Text>}
            {step.note && <Text size="xs">“{step.note}”</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
