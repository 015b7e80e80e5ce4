import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS, ISSUE_URGENCY_LABELS, type IssueStatus } from '@groundwork/shared';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconMapPin, IconPlayerPlay } from '@tabler/icons-react';
import { graphql } from '../../gql';
import type { CrewIssueCard_IssueFragment } from '../../gql/graphql';
import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import { crewLeadActions } from './crew-issue.actions';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import classes from './CrewIssueCard.module.css';

export const CrewIssueCard_issue = graphql(`
  fragment CrewIssueCard_issue on Issue {
    id
    title
    category
    urgency
    status
    overdue
    dueAt
    version
    property {
      id
      name
      address
    }
  }
`);

export type CrewIssueNotice = { tone: 'red' | 'orange'; title: string; message: string };

type CrewIssueCardProps = {
  issue: CrewIssueCard_IssueFragment;
  /** The status change under way for this Issue, if any. */
  pendingStatus: IssueStatus | null;
  /** Disables the buttons while another change is under way, so one tap is one change. */
  busy: boolean;
  notice: CrewIssueNotice | null;
  onChangeStatus: (issue: CrewIssueCard_IssueFragment, to: IssueStatus) => void;
  /** Opens the Issue's details (photos, history). */
  onOpen?: (issue: CrewIssueCard_IssueFragment) => void;
  now?: Date;
};

const ACTION_ICONS: Partial<Record<IssueStatus, typeof IconCheck>> = {
  IN_PROGRESS: IconPlayerPlay,
  RESOLVED: IconCheck,
};

/** One Issue routed to the crew: what, where, by when, and the next step the crew lead may take. */
export function CrewIssueCard({
  issue,
  pendingStatus,
  busy,
  notice,
  onChangeStatus,
  onOpen,
  now = new Date(),
}: CrewIssueCardProps) {
  const timeZone = useCompanyTimeZone();
  const actions = crewLeadActions(issue.status);
  return (
    <Card
      component="article"
      aria-label={issue.title}
      data-testid="crew-issue"
      className={onOpen ? classes.card : undefined}
      style={issue.overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Stack gap="xs">
        {/* On a phone the badges move under a long title rather than squeeze it (or themselves). */}
        <Group justify="space-between" align="flex-start" gap="xs">
          {onOpen ? (
            <Anchor
              component="button"
              type="button"
              fw={600}
              c="inherit"
              ta="left"
              style={{ flex: '1 1 240px' }}
              className={classes.open}
              onClick={() => onOpen(issue)}
              aria-label={`Details of ${issue.title}`}
            >
              {issue.title}
            </Anchor>
          ) : (
            <Text fw={600} style={{ flex: '1 1 240px' }}>
              {issue.title}
            </Text>
          )}
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge
              size="sm"
              color={ISSUE_URGENCY_COLORS[issue.urgency]}
              variant={issue.urgency === 'URGENT' ? 'filled' : 'light'}
            >
              {ISSUE_URGENCY_LABELS[issue.urgency]}
            </Badge>
            <Badge size="sm" color={ISSUE_STATUS_COLORS[issue.status]} variant="light">
              {ISSUE_STATUS_LABELS[issue.status]}
            </Badge>
          </Group>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconMapPin size={16} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Stack gap={0}>
            <Text size="sm">{issue.property.name}</Text>
            <Text size="xs" c="dimmed">
              {issue.property.address}
            </Text>
          </Stack>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {ISSUE_CATEGORY_LABELS[issue.category]}
          </Text>
          <Text size="sm" c="dimmed" aria-hidden>
            ·
          </Text>
          {issue.dueAt ? (
            <Tooltip label={formatDateTime(issue.dueAt, timeZone)}>
              <Text size="sm" c={issue.overdue ? 'red.8' : undefined} fw={issue.overdue ? 600 : undefined}>
                Due {formatRelativeTime(issue.dueAt, now, timeZone)}
              </Text>
            </Tooltip>
          ) : (
            <Text size="sm" c="dimmed">
              No due date
            </Text>
          )}
          {issue.overdue && (
            <Badge size="xs" color="red" variant="filled">
              Overdue
            </Badge>
          )}
        </Group>
        {notice && (
          <Alert className={classes.above} color={notice.tone} variant="light" p="xs" title={notice.title} role="alert">
            {notice.message}
          </Alert>
        )}
        {actions.length > 0 ? (
          <Group gap="xs" className={classes.above} style={{ alignSelf: 'flex-start' }}>
            {actions.map(({ to, label }) => {
              const Icon = ACTION_ICONS[to];
              return (
                <Button
                  key={to}
                  size="sm"
                  variant={to === 'RESOLVED' ? 'filled' : 'light'}
                  leftSection={Icon && <Icon size={16} />}
                  loading={pendingStatus === to}
                  disabled={busy && pendingStatus !== to}
                  onClick={() => onChangeStatus(issue, to)}
                >
                  {label}
                </Button>
              );
            })}
          </Group>
        ) : (
          issue.status === 'RESOLVED' && (
            <Text size="xs" c="dimmed">
              Resolved — waiting for the account manager to verify it.
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}
