import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconReportAnalytics } from '@tabler/icons-react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { formatCount } from '../../ui/count.format';
import { formatPeriod } from './report.format';

export const CustomerReportDraftsQuery = graphql(`
  query CustomerReportDrafts {
    customerReportDrafts {
      accountId
      accountName
      from
      to
      sharedAt
    }
  }
`);

/**
 * An account manager's reminder, from the 1st of the month: last month's reports of their
 * accounts not yet shared or sent, each a tap from its review. Nothing goes out from here.
 */
export function ReportDraftsNotice() {
  const { data } = useQuery(CustomerReportDraftsQuery, { fetchPolicy: 'cache-and-network' });
  const waiting = data?.customerReportDrafts.filter((d) => !d.sharedAt) ?? [];
  if (waiting.length === 0) return null;
  const [first] = waiting;
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconReportAnalytics size={18} aria-hidden />}
      title={`${formatCount(waiting.length, 'customer report')} ready to review — ${formatPeriod(first!.from, first!.to)}`}
      data-testid="report-drafts"
    >
      <Group gap="xs">
        {waiting.slice(0, 12).map((d) => (
          <Anchor
            key={d.accountId}
            component={Link}
            to={`/accounts/${d.accountId}/report`}
            size="sm"
            c="blue.9"
            fw={500}
          >
            {d.accountName}
          </Anchor>
        ))}
        {waiting.length > 12 && (
          <Text size="sm" c="dimmed">
            and {waiting.length - 12} more
          </Text>
        )}
      </Group>
    </Alert>
  );
}
