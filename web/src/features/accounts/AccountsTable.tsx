import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { AccountsTable_AccountFragment } from '../../gql/graphql';
import { formatLocalDate, formatRelativeTime } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { formatCount, nounForms, type NounForms } from '../../ui/count.format';
import { describeRenewal, describeTier, isSiteWalkLate } from './account.format';
import type { AccountSortField, AccountsListState } from './accounts.url-state';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { useHealthThresholds } from '../../ui/health-thresholds';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';

export const AccountsTable_account = graphql(`
  fragment AccountsTable_account on Account {
    id
    name
    segment
    tier
    annualValue
    renewalDate
    daysToRenewal
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

function Count({ value, alert = false, label }: { value: number; alert?: boolean; label: NounForms }) {
  if (alert && value > 0) {
    return (
      <Badge color="red" variant="filled" size="sm" aria-label={formatCount(value, label)}>
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
  const thresholds = useHealthThresholds();
  const navigate = useNavigate();
  const phone = usePhoneList();
  if (phone) return <AccountItems accounts={accounts} state={state} onSort={onSort} now={now} />;
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
            const renewal = describeRenewal(account.daysToRenewal, thresholds);
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
                  <Count value={account.propertyCount} label={nounForms('property', 'properties')} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.openIssueCount} label={nounForms('open issue')} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.overdueIssueCount} alert label={nounForms('overdue issue')} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Count value={account.openEnhancementCount} label={nounForms('open enhancement')} />
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

const SORTS: { value: AccountSortField; label: string }[] = [
  { value: 'NAME', label: 'Account' },
  { value: 'ANNUAL_VALUE', label: 'Annual value' },
  { value: 'RENEWAL_DATE', label: 'Renewal' },
];

/**
 * On a phone, one stacked item per account rather than eleven columns: the
 * name (a link), who manages it, then value, renewal, backlog and the last
 * walk on wrapping lines. No headers to tap: the sorts are in a list.
 */
function AccountItems({ accounts, state, onSort, now }: Required<AccountsTableProps>) {
  const timeZone = useCompanyTimeZone();
  const thresholds = useHealthThresholds();
  const navigate = useNavigate();
  return (
    <Stack gap={0}>
      <Group gap="xs" align="flex-end" pb="xs">
        <NativeSelect
          size="xs"
          label="Sort by"
          data={SORTS}
          value={state.sort}
          onChange={(event) => onSort(event.currentTarget.value as AccountSortField)}
          w={160}
        />
        {/* A list cannot pick its current choice again to reverse it, as a header can: a button does. */}
        <Button
          size="xs"
          variant="default"
          leftSection={state.direction === 'ASC' ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          onClick={() => onSort(state.sort)}
          aria-label={`${state.direction === 'ASC' ? 'Ascending' : 'Descending'}: reverse the order`}
        >
          {state.direction === 'ASC' ? 'Ascending' : 'Descending'}
        </Button>
      </Group>
      <StackedList label="Accounts">
        {accounts.map((account) => {
          const renewal = describeRenewal(account.daysToRenewal, thresholds);
          const walkLate = isSiteWalkLate(account.tier, account.lastSiteWalkAt, now, timeZone);
          return (
            <StackedItem
              key={account.id}
              data-testid="account-row"
              onOpen={() => void navigate(`/accounts/${account.id}`)}
            >
              <Stack gap={0}>
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
                <Text size="xs" c="dimmed">
                  {account.segment} · {account.accountManager.name}
                </Text>
              </Stack>
              <Group gap="xs">
                <Tooltip label={describeTier(account.tier)}>
                  <Badge variant="light" color="gray" size="sm">
                    Tier {account.tier}
                  </Badge>
                </Tooltip>
                <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(account.annualValue)}
                </Text>
                <Text size="sm">
                  renews {formatLocalDate(account.renewalDate)}{' '}
                  <Text
                    size="xs"
                    span
                    c={renewal.tone === 'gray' ? 'dimmed' : renewal.tone}
                    fw={renewal.tone === 'gray' ? 400 : 600}
                  >
                    ({renewal.label})
                  </Text>
                </Text>
              </Group>
              <Group gap="xs">
                <Text size="sm">
                  {formatCount(account.propertyCount, nounForms('property', 'properties'))} ·{' '}
                  {formatCount(account.openIssueCount, 'open issue')}
                </Text>
                {account.overdueIssueCount > 0 && (
                  <Badge color="red" variant="filled" size="sm">
                    {account.overdueIssueCount} overdue
                  </Badge>
                )}
                <Text size="sm" c="dimmed">
                  {formatCount(account.openEnhancementCount, 'open enhancement')}
                </Text>
              </Group>
              <Tooltip label={`Late: ${describeTier(account.tier)}`} disabled={!walkLate}>
                <Text size="xs" c={walkLate ? 'orange.8' : 'dimmed'}>
                  Last walk{' '}
                  {account.lastSiteWalkAt ? formatRelativeTime(account.lastSiteWalkAt, now, timeZone) : 'never'}
                </Text>
              </Tooltip>
            </StackedItem>
          );
        })}
      </StackedList>
    </Stack>
  );
}
