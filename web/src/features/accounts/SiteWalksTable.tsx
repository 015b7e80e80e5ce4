import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { graphql } from '../../gql';
import type { SiteWalksTable_SiteWalksFragment } from '../../gql/graphql';
import { localDateOf } from '@groundwork/shared';
import { formatDateTime, formatLocalDate } from '../../ui/date.format';
import { Empty } from '../../ui/QueryState';
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

/** Recent site walks, newest first: the Capture discipline, and the engagement half of account health. */
export function SiteWalksTable({ siteWalks, highlightedId = null, onOpen }: SiteWalksTableProps) {
  const timeZone = useCompanyTimeZone();
  const highlighted = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    highlighted.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [highlightedId]);
  if (siteWalks.length === 0) {
    return <Empty title="No site walks yet" description="No one has walked this account's properties." />;
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
          {siteWalks.map((walk) => {
            const day = formatLocalDate(localDateOf(new Date(walk.startedAt), timeZone));
            return (
              <Table.Tr
                key={walk.id}
                ref={walk.id === highlightedId ? highlighted : undefined}
                data-testid="site-walk-row"
                data-walk-id={walk.id}
                data-highlighted={walk.id === highlightedId || undefined}
                bg={walk.id === highlightedId ? 'var(--mantine-color-yellow-1)' : undefined}
                onClick={onOpen && (() => onOpen({ id: walk.id, label: `${walk.property.name} · ${day}` }))}
                style={onOpen && { cursor: 'pointer' }}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={formatDateTime(walk.startedAt, timeZone)}>
                    {/* A button for the keyboard; its click reaches the row. */}
                    <Anchor component="button" type="button" size="sm" c="inherit">
                      {day}
                    </Anchor>
                  </Tooltip>
                </Table.Td>
                <Table.Td>{walk.property.name}</Table.Td>
                <Table.Td>{walk.walkedBy.name}</Table.Td>
                <Table.Td>
                  {walk.completedAt ? (
                    <Badge size="sm" variant="light" color="green">
                      Completed
                    </Badge>
                  ) : (
                    <Badge size="sm" variant="light" color="yellow">
                      In progress
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{walk.customerAttended == null ? '—' : walk.customerAttended ? 'Yes' : 'No'}</Table.Td>
                <Table.Td>
                  <Pulse value={walk.relationshipPulse} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <Text size="sm">{walk.issueCount} issues</Text>
                    <Text size="sm" c="dimmed">
                      · {walk.enhancementCount} enh.
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
