import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { sortByWorkOrder, type IssueStatus } from '@groundwork/shared';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { CrewIssueCard_IssueFragment } from '../../gql/graphql';
import { describeError } from '../../ui/error.describe';
import { LoadMore } from '../../ui/LoadMore';
import { nounForms } from '../../ui/count.format';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { useSignedInUser } from '../auth/auth.context';
import { ResolveIssueSheet } from '../issues/ResolveIssueSheet';
import { useLiveView } from '../live/live-view.hook';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import { CrewIssueCard, type CrewIssueNotice } from './CrewIssueCard';

// A crew's open Issues fit one page in practice, so the work order below covers
// all of them; beyond it, what is loaded is still shown in that order.
export const CREW_WORK_PAGE_SIZE = 100;

// The page shows the crew's open Issues in the order to work them (the shared
// sortByWorkOrder: urgent first, then overdue by lateness, then by due date).
// `eventCursor` comes with them so live updates start exactly where they were read.
export const CrewWorkPageQuery = graphql(`
  query CrewWorkPage($crewId: ID!, $first: Int, $after: String) {
    eventCursor
    issues(filter: { crewId: $crewId, openOnly: true }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...CrewIssueCard_issue
        }
      }
    }
  }
`);

export const CrewIssueStatusMutation = graphql(`
  mutation CrewIssueStatus($input: UpdateIssueStatusInput!) {
    updateIssueStatus(input: $input) {
      id
      ...CrewIssueCard_issue
    }
  }
`);

const CONFLICT_NOTICE = {
  tone: 'orange',
  title: 'Someone else changed this Issue; it has been reloaded',
  message: 'Check its status and try again if it still needs doing.',
} as const;

type Pending = { issueId: string; to: IssueStatus };

/** The crew lead's list: open Issues routed to their crew, with the next step for each. */
export function CrewWorkPage() {
  const user = useSignedInUser();
  const crew = user.crew;
  const { data, error, refetch, fetchMore, networkStatus } = useQuery(CrewWorkPageQuery, {
    variables: { crewId: crew?.id ?? '', first: CREW_WORK_PAGE_SIZE },
    skip: !crew,
    notifyOnNetworkStatusChange: true,
  });
  // The server sends a crew lead only its own crew's Issue events (and the one that took an Issue away).
  useLiveView({
    cursor: networkStatus === NetworkStatus.ready ? data?.eventCursor : undefined,
    filter: { entityTypes: ['Issue'] },
    touches: (event) => event.entityType === 'Issue',
    reload: async () => (await refetch()).data?.eventCursor,
  });
  const [updateStatus] = useMutation(CrewIssueStatusMutation);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notices, setNotices] = useState<Record<string, CrewIssueNotice>>({});
  const [loadMoreError, setLoadMoreError] = useState<unknown>(null);
  const [resolving, setResolving] = useState<CrewIssueCard_IssueFragment | null>(null);
  // Issues resolved and waiting out their undo window: their card shows it rather than offer it again.
  const [sending, setSending] = useState<ReadonlySet<string>>(new Set());
  const markSending = (issueId: string, on: boolean) =>
    setSending((current) => {
      const next = new Set(current);
      if (on) next.add(issueId);
      else next.delete(issueId);
      return next;
    });
  const [openRecord, setOpenRecord] = useState<RecordRef | null>(null);

  const changeStatus = async (issue: CrewIssueCard_IssueFragment, to: IssueStatus) => {
    // Resolving takes after photos and a note: the sheet asks for them, then sends the change.
    if (to === 'RESOLVED') {
      setNotices(({ [issue.id]: _, ...others }) => others);
      setResolving(issue);
      return;
    }
    setPending({ issueId: issue.id, to });
    setNotices(({ [issue.id]: _, ...others }) => others);
    try {
      // The version read with the list: if anyone changed the Issue since, the server refuses rather than overwrite.
      await updateStatus({ variables: { input: { issueId: issue.id, status: to, expectedVersion: issue.version } } });
    } catch (err) {
      const { code, title, message } = describeError(err);
      const stale = code === 'VERSION_CONFLICT' || code === 'INVALID_TRANSITION';
      setNotices((current) => ({ ...current, [issue.id]: stale ? CONFLICT_NOTICE : { tone: 'red', title, message } }));
      if (stale) await refetch().catch(() => {});
    } finally {
      setPending(null);
    }
  };

  const header = (
    <Stack gap={2}>
      <Title order={3}>My work</Title>
      {crew && (
        <Text size="sm" c="dimmed">
          Open issues routed to {crew.name}
        </Text>
      )}
    </Stack>
  );

  if (!crew) {
    return (
      <Stack gap="md" maw={760}>
        {header}
        <Empty
          title="You are not on a crew yet"
          description="Work is routed to crews. Ask an operations manager to add you to yours."
        />
      </Stack>
    );
  }

  const connection = data?.issues;
  let body;
  if (error && !connection) {
    body = <QueryError error={error} what="your crew's work" onRetry={() => void refetch()} />;
  } else if (!connection) {
    body = <SectionSkeleton lines={6} />;
  } else if (connection.edges.length === 0) {
    body = <Empty title="No open issues" description={`Nothing is waiting for ${crew.name} right now.`} />;
  } else {
    const shownIds = new Set(connection.edges.map((edge) => edge.node.id));
    // An Issue that left the list on reload (moved to another crew, say) still gets its message.
    const orphaned = Object.entries(notices).filter(([id]) => !shownIds.has(id));
    body = (
      <Stack gap="sm">
        {orphaned.map(([id, notice]) => (
          <Alert key={id} color={notice.tone} variant="light" title={notice.title} role="alert">
            {notice.message}
          </Alert>
        ))}
        {sortByWorkOrder(connection.edges.map((edge) => edge.node)).map((issue) => (
          <CrewIssueCard
            key={issue.id}
            issue={issue}
            pendingStatus={pending?.issueId === issue.id ? pending.to : sending.has(issue.id) ? 'RESOLVED' : null}
            busy={pending !== null}
            notice={notices[issue.id] ?? null}
            onChangeStatus={(target, to) => void changeStatus(target, to)}
            onOpen={(target) => setOpenRecord({ kind: 'ISSUE', id: target.id })}
          />
        ))}
        <LoadMore
          shown={connection.edges.length}
          total={connection.totalCount}
          noun={nounForms('open issue')}
          hasMore={connection.pageInfo.hasNextPage}
          loading={networkStatus === NetworkStatus.fetchMore}
          error={loadMoreError}
          onLoadMore={() => {
            setLoadMoreError(null);
            fetchMore({ variables: { after: connection.pageInfo.endCursor } }).catch(setLoadMoreError);
          }}
        />
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={760}>
      {header}
      {error && connection && <QueryError error={error} what="the latest work" onRetry={() => void refetch()} />}
      {body}
      <RecordDrawer record={openRecord} onClose={() => setOpenRecord(null)} showPlace />
      {resolving && (
        <ResolveIssueSheet
          key={resolving.id}
          issue={resolving}
          opened
          onClose={() => setResolving(null)}
          onPendingChange={(on) => markSending(resolving.id, on)}
        />
      )}
    </Stack>
  );
}
