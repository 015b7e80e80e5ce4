import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DUE_HORIZON_DAYS, type DueKind } from '@groundwork/shared';
import { graphql } from '../../gql';
import type { DueWorkQuery } from '../../gql/graphql';
import { formatCount } from '../../ui/count.format';
import { formatDayOffset, formatLocalDate } from '../../ui/date.format';
import { ExpandToggle } from '../../ui/ExpandToggle';
import { QueryError } from '../../ui/QueryState';
import { useLiveView } from '../live/live-view.hook';
import { DUE_WORK_LIVE_FILTER } from './due-work.live';

// With the event cursor it was read at: live updates start exactly there.
export const DueWorkQueryDocument = graphql(`
  query DueWork {
    eventCursor
    dueWork {
      kind
      accountId
      accountName
      accountManagerId
      accountManagerName
      dueDate
      daysLeft
      count
    }
  }
`);

type Item = DueWorkQuery['dueWork'][number];

const KIND_LABELS: Record<DueKind, (item: Item) => string> = {
  MONTHLY_REVIEW: () => 'Monthly plan review',
  QUARTERLY_UPDATE: () => 'Quarterly plan update',
  SITE_WALK: () => 'Site walk',
  OVERDUE_ISSUES: (item) => formatCount(item.count, 'overdue issue'),
  RENEWAL: () => 'Renewal',
};

/** The item's due day in words: late ones say how late, renewals when. */
function when(item: Item): { text: string; late: boolean } {
  if (item.kind === 'OVERDUE_ISSUES') return { text: 'past their due dates', late: true };
  if (item.kind === 'RENEWAL') return { text: `renews ${formatDayOffset(item.daysLeft)}`, late: false };
  if (item.daysLeft < 0)
    return { text: `due ${formatLocalDate(item.dueDate)}, ${formatDayOffset(item.daysLeft)}`, late: true };
  return { text: `due ${formatDayOffset(item.daysLeft)}`, late: false };
}

/** The first few show at once: a list can be long, and a phone shows fewer before the accounts below. */
const SHOWN = 8;
const SHOWN_ON_PHONE = 3;

/** One manager's part of the team's list: the manager with the most late work first. */
export type DueGroup = { managerId: string; managerName: string; items: Item[]; late: number };

export function groupByManager(items: readonly Item[]): DueGroup[] {
  const groups = new Map<string, DueGroup>();
  for (const item of items) {
    let group = groups.get(item.accountManagerId);
    if (!group) {
      group = { managerId: item.accountManagerId, managerName: item.accountManagerName, items: [], late: 0 };
      groups.set(item.accountManagerId, group);
    }
    group.items.push(item);
    if (when(item).late) group.late += 1;
  }
  return [...groups.values()].sort((a, b) => b.late - a.late || a.managerName.localeCompare(b.managerName));
}

function DueItem({ item }: { item: Item }) {
  const due = when(item);
  return (
    <li data-kind={item.kind} data-late={due.late}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {KIND_LABELS[item.kind](item)}
        </Text>
        <Anchor component={Link} to={`/accounts/${item.accountId}`} size="sm">
          {item.accountName}
        </Anchor>
        <Text size="sm" c={due.late ? 'red.8' : 'dimmed'} fw={due.late ? 600 : undefined}>
          {due.text}
        </Text>
      </Group>
    </li>
  );
}

const LIST_STYLE = { listStyle: 'none', margin: 0, padding: 0 } as const;

function DueList({ items, shown }: { items: readonly Item[]; shown: number }) {
  const [all, setAll] = useState(false);
  const listId = useId();
  return (
    <>
      <Stack gap={6} id={listId} component="ul" style={LIST_STYLE}>
        {(all ? items : items.slice(0, shown)).map((item) => (
          <DueItem key={`${item.kind}:${item.accountId}`} item={item} />
        ))}
      </Stack>
      {items.length > shown && (
        <ExpandToggle expanded={all} controls={listId} onToggle={() => setAll((a) => !a)}>
          {all ? 'Show the first few' : `Show all ${items.length}`}
        </ExpandToggle>
      )}
    </>
  );
}

/** A manager's line in the team's list: how much is late and due, their items a tap away. */
function ManagerGroup({ group }: { group: DueGroup }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const due = group.items.length - group.late;
  return (
    <li data-manager={group.managerName}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {group.managerName}
        </Text>
        {group.late > 0 && (
          <Text size="sm" c="red.8" fw={600}>
            {group.late} late
          </Text>
        )}
        {due > 0 && (
          <Text size="sm" c="dimmed">
            {due} due
          </Text>
        )}
        <ExpandToggle expanded={open} controls={listId} onToggle={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'}
        </ExpandToggle>
      </Group>
      <Stack gap={6} id={listId} component="ul" style={{ ...LIST_STYLE, paddingLeft: 12 }} hidden={!open}>
        {open && group.items.map((item) => <DueItem key={`${item.kind}:${item.accountId}`} item={item} />)}
      </Stack>
    </li>
  );
}

/**
 * What is due this week or late on the accounts in the viewer's scope (the server's list, by the
 * same measures as health): an account manager's own, or the team's grouped by manager.
 */
export function DueWorkCard({ teamWide = false }: { teamWide?: boolean }) {
  const { data, error, refetch, networkStatus } = useQuery(DueWorkQueryDocument, {
    fetchPolicy: 'cache-and-network',
  });
  useLiveView({
    cursor: networkStatus === NetworkStatus.ready ? data?.eventCursor : undefined,
    filter: DUE_WORK_LIVE_FILTER,
    // The server decides what each event changes in the list: reload it.
    touches: () => true,
    reload: async () => (await refetch()).data?.eventCursor,
  });
  const phone = useMediaQuery('(max-width: 48em)');
  if (error && !data) return <QueryError error={error} what="what is due" onRetry={() => void refetch()} />;
  if (!data) return null;
  const items = data.dueWork;
  const late = items.filter((i) => when(i).late).length;
  return (
    <Card data-testid="due-work">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={4}>{teamWide ? 'Due across the team' : 'Due this week'}</Title>
          {late > 0 && (
            <Badge color="red" variant="filled">
              {late} late
            </Badge>
          )}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing late and nothing due in the next {DUE_HORIZON_DAYS} days.
          </Text>
        ) : teamWide ? (
          <Stack gap={6} component="ul" style={LIST_STYLE} aria-label="By account manager">
            {groupByManager(items).map((group) => (
              <ManagerGroup key={group.managerId} group={group} />
            ))}
          </Stack>
        ) : (
          <DueList items={items} shown={phone ? SHOWN_ON_PHONE : SHOWN} />
        )}
      </Stack>
    </Card>
  );
}
