import { useMutation, useQuery } from '@apollo/client/react';
import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS, ISSUE_URGENCY_LABELS } from '@groundwork/shared';
import { formatCount } from '../../ui/count.format';
import {
  Alert,
  Anchor,
  Badge,
  Blockquote,
  Button,
  ColorSwatch,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { IssueDetails_IssueFragment, IssueSource } from '../../gql/graphql';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import { describeError } from '../../ui/error.describe';
import { FactsTable } from '../../ui/FactsTable';
import { PhotoGallery } from '../../ui/PhotoGallery';
import { PropertyMap } from '../../ui/PropertyMap';
import { directionsUrl } from '../../ui/directions';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { useToast } from '../../ui/toast';
import { useSignedInUser } from '../auth/auth.context';
import { canOpenSection } from '../auth/role.access';
import { issueActions, latestNoteTo, type IssueAction } from './issue.actions';
import { IssueDetailsQuery, IssueStatusMutation } from './issue.graphql';
import { ResolveIssueSheet } from './ResolveIssueSheet';

const HISTORY_TEXT: Record<string, string> = {
  CREATED: 'Reported',
  ASSIGNED: 'Assigned',
  MOVED: 'Pin moved',
  STATUS_CHANGED: 'Status changed',
  EVIDENCE_ADDED: 'Seen again',
};

const SOURCE_LABELS: Record<IssueSource, string> = {
  SITE_WALK: 'Found on a site walk',
  CUSTOMER: 'Raised by the customer',
  CREW: 'Reported by a crew',
};

type Problem = { title: string; message: string };

/**
 * One Issue as the server has it, wherever it is opened (map pin, account
 * tables, a site walk, the health panel, a crew lead's work): photos before and
 * after, facts, history, and the status changes the server allows this viewer.
 * `showAccount` is off where the account is already on screen.
 */
export function IssueDetails({
  id,
  showAccount = true,
  extra,
  showPlace = false,
}: {
  id: string;
  showAccount?: boolean;
  extra?: ReactNode;
  /** A small map of the spot (off where a map is already on screen). */
  showPlace?: boolean;
}) {
  const { data, error, refetch } = useQuery(IssueDetailsQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const issue = data?.issue;
  if (error && !issue) return <QueryError error={error} what="this Issue" onRetry={() => void refetch()} />;
  if (!data) return <SectionSkeleton lines={8} />;
  if (!issue) return <Empty title="Issue not found" description="It may have been removed, or you cannot see it." />;
  return (
    <IssueView
      issue={issue}
      showAccount={showAccount}
      showPlace={showPlace}
      extra={extra}
      refetch={() => refetch().then(() => undefined)}
    />
  );
}

/** Where the Issue is: the property with the spot marked (when asked), and directions to it for the drive. */
function IssuePlace({ issue, showMap }: { issue: IssueDetails_IssueFragment; showMap: boolean }) {
  const { property, location } = issue;
  return (
    <Stack gap={6} data-testid="issue-place">
      {showMap && (
        <PropertyMap
          properties={[property]}
          selectedId={property.id}
          onSelect={() => {}}
          spot={location}
          height={180}
        />
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm">{property.name}</Text>
          <Text size="xs" c="dimmed">
            {property.address}
          </Text>
        </Stack>
        <Button
          component="a"
          href={directionsUrl(location)}
          target="_blank"
          rel="noopener noreferrer"
          size="xs"
          variant="light"
          leftSection={<IconRoute size={14} aria-hidden />}
          style={{ flexShrink: 0 }}
          data-testid="issue-directions"
        >
          Directions
        </Button>
      </Group>
    </Stack>
  );
}

function IssueView({
  issue,
  showAccount,
  extra,
  showPlace,
  refetch,
}: {
  issue: IssueDetails_IssueFragment;
  showAccount: boolean;
  /** Shown with the actions (the map's crew picker). */
  extra?: ReactNode;
  showPlace: boolean;
  refetch: () => Promise<void>;
}) {
  const timeZone = useCompanyTimeZone();
  const { role } = useSignedInUser();
  const toast = useToast();
  const [updateStatus, { loading }] = useMutation(IssueStatusMutation);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [resolving, setResolving] = useState(false);
  // Resolved and waiting out its undo window: the buttons wait too.
  const [sending, setSending] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const actions = issueActions(issue.status, issue.allowedStatuses);
  const resolutionNote = issue.status === 'RESOLVED' ? latestNoteTo(issue.history, 'RESOLVED') : null;
  const afterCount = issue.photos.filter((p) => p.kind === 'AFTER').length;

  const change = async (action: IssueAction, note?: string) => {
    setProblem(null);
    try {
      await updateStatus({
        variables: { input: { issueId: issue.id, status: action.to, expectedVersion: issue.version, note } },
      });
      setReopening(false);
      setReason('');
      if (action.kind === 'VERIFY') {
        toast.show({
          title: `Verified — ${issue.title}`,
          message: afterCount ? `Closed on ${formatCount(afterCount, 'after photo')}.` : 'Closed.',
        });
      } else if (action.kind === 'REOPEN') {
        toast.show({
          tone: 'orange',
          title: `Reopened — back to ${issue.crew?.name ?? 'the crew'}`,
          message: issue.title,
        });
      }
    } catch (err) {
      // Whatever the refusal, show the server's words and what the Issue is now.
      const { title, message } = describeError(err);
      setProblem({ title, message });
      await refetch().catch(() => undefined);
    }
  };

  const accountName: ReactNode =
    showAccount && canOpenSection(role, 'accounts') ? (
      <Anchor component={Link} to={`/accounts/${issue.account.id}`}>
        {issue.account.name}
      </Anchor>
    ) : (
      issue.account.name
    );

  return (
    <Stack gap="sm" data-testid="record-issue" data-record-id={issue.id} data-status={issue.status}>
      <Text fw={700} size="lg">
        {issue.title}
      </Text>
      <Group gap={6}>
        <Badge color={ISSUE_STATUS_COLORS[issue.status]} variant="light" data-testid="issue-status">
          {ISSUE_STATUS_LABELS[issue.status]}
        </Badge>
        <Badge color={ISSUE_URGENCY_COLORS[issue.urgency]} variant={issue.urgency === 'URGENT' ? 'filled' : 'light'}>
          {ISSUE_URGENCY_LABELS[issue.urgency]}
        </Badge>
        <Badge color="gray" variant="outline">
          {ISSUE_CATEGORY_LABELS[issue.category]}
        </Badge>
        {issue.overdue && (
          <Badge color="red" variant="filled">
            Overdue
          </Badge>
        )}
      </Group>
      {issue.description && <Text size="sm">{issue.description}</Text>}
      <IssuePlace issue={issue} showMap={showPlace} />

      <PhotoGallery
        photos={issue.photos}
        timeZone={timeZone}
        emptyAfter={issue.status === 'RESOLVED' || issue.status === 'VERIFIED' ? 'No after photo' : undefined}
      />
      {resolutionNote && (
        <Blockquote p="xs" color="teal" cite={`— ${issue.crew?.name ?? 'the crew'}, on resolving`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {resolutionNote}
          </Text>
        </Blockquote>
      )}

      {actions.length > 0 && (
        <Group gap="xs" data-testid="issue-actions">
          {actions.map((action) => (
            <Button
              key={action.to}
              size="sm"
              variant={action.kind === 'REOPEN' ? 'default' : 'filled'}
              color={action.kind === 'VERIFY' ? 'green' : undefined}
              loading={(loading && action.kind !== 'REOPEN') || (sending && action.kind === 'RESOLVE')}
              disabled={loading || sending}
              onClick={() => {
                if (action.kind === 'RESOLVE') setResolving(true);
                else if (action.kind === 'REOPEN') setReopening((open) => !open);
                else void change(action);
              }}
            >
              {action.label}
            </Button>
          ))}
        </Group>
      )}
      {reopening && (
        <Paper withBorder p="sm" data-testid="reopen-form">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const reopen = actions.find((a) => a.kind === 'REOPEN');
              if (reopen) void change(reopen, reason);
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Why reopen it?"
                description={`It goes back to ${issue.crew?.name ?? 'the crew'} with your reason.`}
                placeholder="Still pooling by the north gate"
                rows={3}
                required
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              <Group gap="xs">
                <Button type="submit" size="sm" color="orange" loading={loading} disabled={reason.trim() === ''}>
                  Reopen
                </Button>
                <Button size="sm" variant="subtle" onClick={() => setReopening(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      {problem && (
        <Alert color="orange" title={`Not changed: ${problem.title}`} role="alert">
          {problem.message}
        </Alert>
      )}
      {extra}

      <FactsTable
        rows={[
          [
            'Where',
            <span key="where">
              {showAccount ? <>{accountName} · </> : null}
              {issue.property.name}
            </span>,
          ],
          [
            'Crew',
            issue.crew ? (
              <Group gap={6} key="crew">
                <ColorSwatch color={issue.crew.color} size={10} withShadow={false} aria-hidden />
                {issue.crew.name}
              </Group>
            ) : (
              'Unrouted'
            ),
          ],
          [
            'Due',
            issue.dueAt
              ? `${formatDateTime(issue.dueAt, timeZone)} (${formatRelativeTime(issue.dueAt, new Date(), timeZone)})`
              : 'No due date',
          ],
          ['Source', SOURCE_LABELS[issue.source]],
          [
            'Reported',
            `${formatDateTime(issue.createdAt, timeZone)} (${formatRelativeTime(issue.createdAt, new Date(), timeZone)})`,
          ],
          ...(issue.resolvedAt ? [['Resolved', formatDateTime(issue.resolvedAt, timeZone)] as [string, string]] : []),
          ...(issue.verifiedAt ? [['Verified', formatDateTime(issue.verifiedAt, timeZone)] as [string, string]] : []),
          ['Reopened', issue.reopenCount === 0 ? 'Never' : formatCount(issue.reopenCount, 'time')],
        ]}
      />

      <Text fw={600} size="sm" mt="xs">
        History
      </Text>
      <Timeline bulletSize={12} lineWidth={2} data-testid="issue-history">
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
            {step.photoCount ? <Text size="xs">{formatCount(step.photoCount, 'photo')} added</Text> : null}
            {step.note && (
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                “{step.note}”
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      <ResolveIssueSheet
        issue={issue}
        opened={resolving}
        onClose={() => setResolving(false)}
        onPendingChange={setSending}
      />
    </Stack>
  );
}
