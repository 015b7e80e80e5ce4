import { useQuery } from '@apollo/client/react';
import { ISSUE_CATEGORY_LABELS, ISSUE_STATUS_LABELS } from '@groundwork/shared';
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { graphql } from '../../gql';
import { ISSUE_STATUS_COLORS } from '../../ui/domain.colors';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';

/** A walk finds a handful of Issues; more than this is listed as "and N more". */
const WALK_ISSUES_SHOWN = 50;

export const SiteWalkIssuesQuery = graphql(`
  query SiteWalkIssues($walkId: ID!, $first: Int) {
    issues(filter: { siteWalkId: $walkId }, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          status
          category
          version
          property {
            id
            name
          }
        }
      }
    }
  }
`);

type SiteWalkIssuesProps = {
  walkId: string;
  /** How the walk was shown where it was opened, e.g. "North campus · Nov 12". */
  label?: string;
  onOpen: (issue: { kind: 'ISSUE'; id: string }) => void;
};

/** The Issues found on one site walk, each opening in the drawer. */
export function SiteWalkIssues({ walkId, label, onOpen }: SiteWalkIssuesProps) {
  const { data, error, refetch } = useQuery(SiteWalkIssuesQuery, {
    variables: { walkId, first: WALK_ISSUES_SHOWN },
    fetchPolicy: 'cache-and-network',
  });
  if (error && !data) return <QueryError error={error} what="this walk's Issues" onRetry={() => void refetch()} />;
  if (!data) return <SectionSkeleton lines={4} />;
  const { edges, totalCount } = data.issues;
  return (
    <Stack gap="sm" data-testid="record-site-walk" data-record-id={walkId}>
      {label && (
        <Text fw={700} size="lg">
          {label}
        </Text>
      )}
      {totalCount === 0 ? (
        <Empty title="No Issues found" description="Nothing was recorded as an Issue on this walk." />
      ) : (
        <Text size="sm" c="dimmed">
          Issues found on this walk ({totalCount})
        </Text>
      )}
      {edges.map(({ node: issue }) => (
        <UnstyledButton
          key={issue.id}
          onClick={() => onOpen({ kind: 'ISSUE', id: issue.id })}
          p="xs"
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
          aria-label={issue.title}
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={600} truncate="end">
                {issue.title}
              </Text>
              <Text size="xs" c="dimmed">
                {issue.property.name} · {ISSUE_CATEGORY_LABELS[issue.category]}
              </Text>
            </Stack>
            <Badge size="sm" variant="light" color={ISSUE_STATUS_COLORS[issue.status]}>
              {ISSUE_STATUS_LABELS[issue.status]}
            </Badge>
          </Group>
        </UnstyledButton>
      ))}
      {totalCount > edges.length && (
        <Text size="xs" c="dimmed">
          and {totalCount - edges.length} more
        </Text>
      )}
    </Stack>
  );
}
