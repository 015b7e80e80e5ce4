import { Anchor, Badge, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { AccountsTable_AccountFragment } from '../../gql/graphql';
import { formatLocalDate, formatRelativeTime } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { describeRenewal, describeTier, isSiteWalkLate } from './account.format';
import type { AccountSortField, AccountsListState } from './accounts.url-state';
import { useCompanyTimeZone } from '../../ui/company-calendar';

export const AccountsTable_account = graphql(`
  fragment AccountsTable_account on Account {
    id
    name
    segment
    tier
    annualValue
    renewalDate
    propertyCount
    openIssueCount
    overdueIssueCount
    openEnhancementCount
    lastSiteWalkAt
    accountManager {
      id
      name
    }
  }
`);

type SortableHeaderProps = {
  field: AccountSortField;
  state: AccountsListState;
  onSort: (field: AccountSortField) => void;
  align?: 'left' | 'right';
  children: ReactNode;
};

function SortableHeader({ field, state, onSort, align = 'left', children }: SortableHeaderProps) {
  const active = state.sort === field;
  const Icon = !active ? IconSelector : state.direction === 'ASC' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th
      aria-sort={active ? (state.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
      style={{ textAlign: align, whiteSpace: 'nowrap' }}
    >
      <UnstyledButton onClick={() => onSort(field)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          {children}
          <Icon size={14} stroke={1.6} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function Count({ value, alert = false, label }: { value: number; alert?: boolean; label: string }) {
  if (alert && value > 0) {
    return (
      <Badge color="red" variant="filled" size="sm" aria-label={`${value} ${label}`}>
        {value}
      </Badge>
    );
  }
  return (
    <Text size="sm" c={value === 0 ? 'dimmed' : undefined}>
      {value}
    </Text>
  );
}

function CountHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Table.Th style={{ textAlign: 'right' }}>
      <Tooltip label={title}>
        <abbr title={title} style={{ textDecoration: 'none' }}>
          {children}
        </abbr>
      </Tooltip>
    </Table.Th>
  );
}

type AccountsTableProps = {
  accounts: readonly AccountsTable_AccountFragment[];
  state: AccountsListState;
  onSort: (field: AccountSortField) => void;
  now?: Date;
};

/** One row per account with the numbers an account manager scans for: value, renewal, backlog, engagement. */
export function AccountsTable({ accounts, state, onSort, now = new Date() }: AccountsTableProps) {
  const timeZone = useCompanyTimeZone();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={1100}>
      {/* One line per account keeps the list scannable; the container scrolls sideways on narrow screens. */}
      <Table highlightOnHover striped stickyHeader horizontalSpacing="xs" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <SortableHeader field="NAME" state={state} onSort={onSort}>
              Account
            </SortableHeader>
            <Table.Th>Segment</Table.Th>
            <Table.Th>Account manager</Table.Th>
            <Table.Th>Tier</Table.Th>
            <SortableHeader field="ANNUAL_VALUE" state={state} onSort={onSort} align="right">
              Annual value
            </SortableHeader>
            <SortableHeader field="RENEWAL_DATE" state={state} onSort={onSort}>
              Renewal
            </SortableHeader>
            {/* Short headers keep the whole row on one screen; the full meaning is in each tooltip. */}
            <CountHeader title="Properties">Props</CountHeader>
            <CountHeader title="Open issues">Issues</CountHeader>
            <CountHeader title="Overdue open issues">Overdue</CountHeader>
            <CountHeader title="Open enhancements">Enh.</CountHeader>
            <Table.Th>Last walk</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => {
            const renewal = describeRenewal(account.renewalDate, now, timeZone);
            const walkLate = isSiteWalkLate(account.tier, account.lastSiteWalkAt, now, timeZone);
            return (
              <Table.Tr
                key={account.id}
                onClick={() => navigate(`/accounts/${account.id}`)}
                style={{ cursor: 'pointer' }}
                data-testid="account-row"
              >
                <Table.Td>
                  {/* The link keeps the row reachable by keyboard and openable in a new tab. */}
                  <Anchor
                    component={Link}
                    to={`/accounts/${account.id}`}
                    fw={600}
                    size="sm"
                    c="inherit"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {account.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{account.segment}</Table.Td>
                <Table.Td>{account.accountManager.name}</Table.Td>
                <Table.Td>
                  <Tooltip label={describeTier(account.tier)}>
                    <Badge variant="light" color="gray" size="sm">
                      {account.tier}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(account.annualValue)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" span>
                    {formatLocalDate(account.renewalDate)}
                  </Text>{' '}
                  <Text
                    size="xs"
                    span
                    c={renewal.tone === 'gray' ? 'dimmed' : renewal.tone}
                    fw={renewal.tone === 'gray' ? 400 : 600}
                  >
                    ({renewal.label})
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.propertyCount} label="properties" />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.openIssueCount} label="open issues" />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.overdueIssueCount} alert label="overdue issues" />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.openEnhancementCount} label="open enhancements" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={`Late: ${describeTier(account.tier)}`} disabled={!walkLate}>
                    <Text size="sm" span c={walkLate ? 'orange.8' : undefined}>
                      {account.lastSiteWalkAt ? formatRelativeTime(account.lastSiteWalkAt, now, timeZone) : 'Never'}
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
