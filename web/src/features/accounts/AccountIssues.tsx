import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS, ISSUE_URGENCY_LABELS } from '@groundwork/shared';
import { Anchor, Badge, ColorSwatch, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { graphql } from '../../gql';
import type { AccountIssues_IssuesFragment, IssueFilter } from '../../gql/graphql';

import { formatDateTime, formatRelativeTime } from '../../ui/date.format';
import { ISSUE_STATUS_COLORS, ISSUE_URGENCY_COLORS } from '../../ui/domain.colors';
import { LoadMore } from '../../ui/LoadMore';
import { nounForms, type NounForms } from '../../ui/count.format';
import { useNextPage } from '../../ui/next-page.hook';
import { Empty } from '../../ui/QueryState';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';
import { useCompanyTimeZone } from '../../ui/company-calendar';

// The first page comes with the account page's query; later pages use the
// query below. Both select the same connection (same filter), which the cache
// merges page by page.
export const AccountIssues_issues = graphql(`
  fragment AccountIssues_issues on IssueConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        title
        category
        urgency
        status
        overdue
        # Live updates apply only what is newer than this read.
        version
        dueAt
        createdAt
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
  }
`);

export const AccountIssuesNextPageQuery = graphql(`
  query AccountIssuesNextPage($accountId: ID!, $filter: IssueFilter!, $after: String) {
    account(id: $accountId) {
      id
      issues(filter: $filter, first: 20, after: $after) {
        ...AccountIssues_issues
      }
    }
  }
`);

/** The lists the account page shows, each with the filter its first page was read with. */
export const ACCOUNT_ISSUE_LISTS = {
  open: {
    filter: { openOnly: true },
    noun: nounForms('open issue'),
    empty: { title: 'No open issues', description: "Everything found on this account's properties is resolved." },
  },
  toVerify: {
    filter: { statuses: ['RESOLVED'] },
    noun: nounForms('issue to verify', 'issues to verify'),
    empty: { title: 'Nothing to verify', description: 'No resolved Issue is waiting for your check.' },
  },
} as const satisfies Record<
  string,
  { filter: IssueFilter; noun: NounForms; empty: { title: string; description: string } }
>;

// A badge keeps its whole word ("In progress", not "IN PROGRE…"): the title column gives way instead.
const WHOLE_BADGE = { minWidth: 'max-content' } as const;

type AccountIssuesProps = {
  accountId: string;
  issues: AccountIssues_IssuesFragment;
  /** Which list this is (the same filter as the page's read, so later pages join it). */
  list?: keyof typeof ACCOUNT_ISSUE_LISTS;
  /** Opens the Issue (a row, or its title by keyboard). */
  onOpen?: (issueId: string) => void;
  now?: Date;
};

type Issue = AccountIssues_IssuesFragment['edges'][number]['node'];

function UrgencyBadge({ issue }: { issue: Issue }) {
  return (
    <Badge
      size="sm"
      style={WHOLE_BADGE}
      color={ISSUE_URGENCY_COLORS[issue.urgency]}
      variant={issue.urgency === 'URGENT' ? 'filled' : 'light'}
    >
      {ISSUE_URGENCY_LABELS[issue.urgency]}
    </Badge>
  );
}

function StatusBadge({ issue }: { issue: Issue }) {
  return (
    <Badge size="sm" style={WHOLE_BADGE} color={ISSUE_STATUS_COLORS[issue.status]} variant="light">
      {ISSUE_STATUS_LABELS[issue.status]}
    </Badge>
  );
}

function OverdueBadge() {
  return (
    <Badge size="xs" style={WHOLE_BADGE} color="red" variant="filled">
      Overdue
    </Badge>
  );
}

function Crew({ issue }: { issue: Issue }) {
  return issue.crew ? (
    <Group gap={6} wrap="nowrap">
      <ColorSwatch color={issue.crew.color} size={10} withShadow={false} aria-hidden />
      <Text size="sm">{issue.crew.name}</Text>
    </Group>
  ) : (
    <Tooltip label="No crew's schedule covers this issue's service line on this property">
      <Badge size="sm" color="orange" variant="outline">
        Unrouted
      </Badge>
    </Tooltip>
  );
}

function Due({ issue, now, timeZone, prefix = '' }: { issue: Issue; now: Date; timeZone: string; prefix?: string }) {
  if (!issue.dueAt) {
    return (
      <Text size="sm" c="dimmed">
        No due date
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(issue.dueAt, timeZone)}>
      <Text size="sm" c={issue.overdue ? 'red.8' : undefined} fw={issue.overdue ? 600 : undefined}>
        {prefix}
        {formatRelativeTime(issue.dueAt, now, timeZone)}
      </Text>
    </Tooltip>
  );
}

function IssueTitle({ issue, now, timeZone }: { issue: Issue; now: Date; timeZone: string }) {
  return (
    <Stack gap={0}>
      {/* A button for the keyboard; its click reaches the row. */}
      <Anchor component="button" type="button" size="sm" fw={600} c="inherit" ta="left">
        {issue.title}
      </Anchor>
      <Text size="xs" c="dimmed">
        {issue.property.name} · reported {formatRelativeTime(issue.createdAt, now, timeZone)}
      </Text>
    </Stack>
  );
}

const OVERDUE_TINT = 'var(--mantine-color-red-0)';

/** Open Issues of the account, overdue ones marked, with who is on it and by when. */
export function AccountIssues({ accountId, issues, list = 'open', onOpen, now = new Date() }: AccountIssuesProps) {
  const { filter, noun, empty } = ACCOUNT_ISSUE_LISTS[list];
  const timeZone = useCompanyTimeZone();
  const nextPage = useNextPage(AccountIssuesNextPageQuery);
  const phone = usePhoneList();
  if (issues.edges.length === 0) {
    return <Empty title={empty.title} description={empty.description} />;
  }
  const open = (id: string) => (onOpen ? () => onOpen(id) : undefined);
  return (
    <Stack gap={0}>
      {phone ? (
        // Six columns do not fit a phone: each Issue stacked, its badges wrapping, nothing to swipe sideways.
        <StackedList label={noun.other.charAt(0).toUpperCase() + noun.other.slice(1)}>
          {issues.edges.map(({ node: issue }) => (
            <StackedItem
              key={issue.id}
              data-testid="issue-row"
              tint={issue.overdue ? OVERDUE_TINT : undefined}
              onOpen={open(issue.id)}
            >
              <IssueTitle issue={issue} now={now} timeZone={timeZone} />
              <Group gap={6}>
                <UrgencyBadge issue={issue} />
                <StatusBadge issue={issue} />
                {issue.overdue && <OverdueBadge />}
                <Text size="xs" c="dimmed">
                  {ISSUE_CATEGORY_LABELS[issue.category]}
                </Text>
              </Group>
              <Group gap="xs" justify="space-between">
                <Crew issue={issue} />
                <Due issue={issue} now={now} timeZone={timeZone} prefix="Due " />
              </Group>
            </StackedItem>
          ))}
        </StackedList>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Issue</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Urgency</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Crew</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {issues.edges.map(({ node: issue }) => (
                <Table.Tr
                  key={issue.id}
                  bg={issue.overdue ? OVERDUE_TINT : undefined}
                  data-testid="issue-row"
                  onClick={open(issue.id)}
                  style={onOpen && { cursor: 'pointer' }}
                >
                  <Table.Td>
                    <IssueTitle issue={issue} now={now} timeZone={timeZone} />
                  </Table.Td>
                  <Table.Td>{ISSUE_CATEGORY_LABELS[issue.category]}</Table.Td>
                  <Table.Td>
                    <UrgencyBadge issue={issue} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge issue={issue} />
                  </Table.Td>
                  <Table.Td>
                    <Crew issue={issue} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={6} wrap="nowrap">
                      <Due issue={issue} now={now} timeZone={timeZone} />
                      {issue.overdue && <OverdueBadge />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={issues.edges.length}
        total={issues.totalCount}
        noun={noun}
        hasMore={issues.pageInfo.hasNextPage}
        loading={nextPage.loading}
        error={nextPage.error}
        onLoadMore={() => void nextPage.load({ accountId, filter, after: issues.pageInfo.endCursor })}
      />
    </Stack>
  );
}
