import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';
import { graphql } from '../../gql';
import type { SiteWalksTable_SiteWalksFragment } from '../../gql/graphql';
import { localDateOf } from '@groundwork/shared';
import { formatDateTime, formatLocalDate } from '../../ui/date.format';
import { Empty } from '../../ui/QueryState';
import { formatCount } from '../../ui/count.format';
import { useCompanyTimeZone } from '../../ui/company-calendar';

export const SiteWalksTable_siteWalks = graphql(`
  fragment SiteWalksTable_siteWalks on SiteWalk {
    id
    startedAt
    completedAt
    customerAttended
    relationshipPulse
    issueCount
    enhancementCount
    property {
      id
      name
    }
    walkedBy {
      id
      name
    }
  }
`);

const PULSE_COLORS = ['red', 'red', 'orange', 'yellow', 'green', 'green'] as const;

/** The account manager's 1–5 read of the relationship; ≤ 2 is what the health model treats as poor. */
function Pulse({ value }: { value: number | null }) {
  if (value == null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Badge size="sm" variant="light" color={PULSE_COLORS[value] ?? 'gray'} aria-label={`Pulse ${value} of 5`}>
      {value} / 5
    </Badge>
  );
}

type SiteWalksTableProps = {
  siteWalks: readonly SiteWalksTable_SiteWalksFragment[];
  /** A walk opened from elsewhere (the health panel): scrolled to and marked. */
  highlightedId?: string | null;
  /** Opens the walk's Issues; `label` names the walk for the drawer. */
  onOpen?: (walk: { id: string; label: string }) => void;
};

type Walk = SiteWalksTable_SiteWalksFragment;

function WalkStatus({ walk }: { walk: Walk }) {
  return walk.completedAt ? (
    <Badge size="sm" variant="light" color="green">
      Completed
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="yellow">
      In progress
    </Badge>
  );
}

function Found({ walk, justify }: { walk: Walk; justify?: 'flex-end' }) {
  return (
    <Group gap={6} wrap="nowrap" justify={justify}>
      <Text size="sm">{formatCount(walk.issueCount, 'issue')}</Text>
      <Text size="sm" c="dimmed">
        · {formatCount(walk.enhancementCount, 'enhancement')}
      </Text>
    </Group>
  );
}

const HIGHLIGHT_TINT = 'var(--mantine-color-yellow-1)';

/** Recent site walks, newest first: the Capture discipline, and the engagement half of account health. */
export function SiteWalksTable({ siteWalks, highlightedId = null, onOpen }: SiteWalksTableProps) {
  const timeZone = useCompanyTimeZone();
  const phone = usePhoneList();
  const highlighted = useRef<HTMLElement | null>(null);
  useEffect(() => {
    highlighted.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [highlightedId, phone]);
  if (siteWalks.length === 0) {
    return <Empty title="No site walks yet" description="No one has walked this account's properties." />;
  }
  const rows = siteWalks.map((walk) => {
    const day = formatLocalDate(localDateOf(new Date(walk.startedAt), timeZone));
    const marked = walk.id === highlightedId;
    return {
      walk,
      day,
      marked,
      rowProps: {
        'data-testid': 'site-walk-row',
        'data-walk-id': walk.id,
        'data-highlighted': marked || undefined,
      },
      open: onOpen && (() => onOpen({ id: walk.id, label: `${walk.property.name} · ${day}` })),
      dateButton: (
        <Tooltip label={formatDateTime(walk.startedAt, timeZone)}>
          {/* A button for the keyboard; its click reaches the row. */}
          <Anchor component="button" type="button" size="sm" c="inherit" fw={phone ? 600 : undefined}>
            {day}
          </Anchor>
        </Tooltip>
      ),
    };
  });
  if (phone) {
    // Seven columns do not fit a phone: each walk stacked, its facts on wrapping lines.
    return (
      <StackedList label="Site walks">
        {rows.map(({ walk, marked, rowProps, open, dateButton }) => (
          <StackedItem
            key={walk.id}
            {...rowProps}
            ref={marked ? (el) => void (highlighted.current = el) : undefined}
            tint={marked ? HIGHLIGHT_TINT : undefined}
            onOpen={open}
          >
            <Stack gap={0} align="flex-start">
              {dateButton}
              <Text size="xs" c="dimmed">
                {walk.property.name} · walked by {walk.walkedBy.name}
              </Text>
            </Stack>
            <Group gap={6}>
              <WalkStatus walk={walk} />
              <Pulse value={walk.relationshipPulse} />
              {walk.customerAttended != null && (
                <Text size="xs" c="dimmed">
                  {walk.customerAttended ? 'Customer attended' : 'Customer not there'}
                </Text>
              )}
            </Group>
            <Found walk={walk} />
          </StackedItem>
        ))}
      </StackedList>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Property</Table.Th>
            <Table.Th>Walked by</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Customer attended</Table.Th>
            <Table.Th>Pulse</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Found</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ walk, marked, rowProps, open, dateButton }) => (
            <Table.Tr
              key={walk.id}
              {...rowProps}
              ref={marked ? (el) => void (highlighted.current = el) : undefined}
              bg={marked ? HIGHLIGHT_TINT : undefined}
              onClick={open}
              style={onOpen && { cursor: 'pointer' }}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateButton}</Table.Td>
              <Table.Td>{walk.property.name}</Table.Td>
              <Table.Td>{walk.walkedBy.name}</Table.Td>
              <Table.Td>
                <WalkStatus walk={walk} />
              </Table.Td>
              <Table.Td>{walk.customerAttended == null ? '—' : walk.customerAttended ? 'Yes' : 'No'}</Table.Td>
              <Table.Td>
                <Pulse value={walk.relationshipPulse} />
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                <Found walk={walk} justify="flex-end" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
