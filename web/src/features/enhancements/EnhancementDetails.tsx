import { useQuery } from '@apollo/client/react';
import { ENHANCEMENT_STAGE_LABELS } from '@groundwork/shared';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { formatDateTime } from '../../ui/date.format';
import { ENHANCEMENT_STAGE_COLORS } from '../../ui/domain.colors';
import { formatMoney } from '../../ui/money.format';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { FactsTable } from '../../ui/FactsTable';
import { PhotoGrid } from '../../ui/PhotoGrid';
import { useCompanyTimeZone } from '../../ui/company-calendar';

export const EnhancementDetailsQuery = graphql(`
  query EnhancementDetails($id: ID!) {
    enhancement(id: $id) {
      id
      title
      description
      stage
      version
      customerInterest
      budgetConfirmed
      estimatedValue
      proposalValue
      createdAt
      account {
        id
        name
      }
      property {
        id
        name
      }
      serviceLine {
        id
        name
      }
      photos {
        id
        kind
        thumbUrl
      }
    }
  }
`);

/**
 * One Enhancement as the server has it (the `enhancement(id)` query), for
 * the drawers that open one: the map's pin drawer and the health panel's
 * record links. `showAccount` is off where the account is already on screen.
 */
export function EnhancementDetails({ id, showAccount = true }: { id: string; showAccount?: boolean }) {
  const timeZone = useCompanyTimeZone();
  const { data, error, refetch } = useQuery(EnhancementDetailsQuery, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const enhancement = data?.enhancement;
  if (error && !enhancement) return <QueryError error={error} what="this Enhancement" onRetry={() => void refetch()} />;
  if (!data) return <SectionSkeleton lines={6} />;
  if (!enhancement) {
    return <Empty title="Enhancement not found" description="It may have been removed, or you cannot see it." />;
  }
  return (
    <Stack gap="sm" data-testid="record-enhancement" data-record-id={enhancement.id}>
      <Text fw={700} size="lg">
        {enhancement.title}
      </Text>
      <Group gap={6}>
        <Badge color={ENHANCEMENT_STAGE_COLORS[enhancement.stage]} variant="light">
          {ENHANCEMENT_STAGE_LABELS[enhancement.stage]}
        </Badge>
      </Group>
      <Text size="sm">{enhancement.description || 'No description.'}</Text>
      <FactsTable
        rows={[
          ...(showAccount
            ? ([
                [
                  'Account',
                  <Anchor key="account" component={Link} to={`/accounts/${enhancement.account.id}`}>
                    {enhancement.account.name}
                  </Anchor>,
                ],
              ] as [string, ReactNode][])
            : []),
          ['Property', enhancement.property.name],
          ['Service line', enhancement.serviceLine?.name ?? '—'],
          ['Estimated', formatMoney(enhancement.estimatedValue)],
          ['Proposal', formatMoney(enhancement.proposalValue)],
          ['Customer interest', enhancement.customerInterest ? 'Yes' : 'Not yet'],
          ['Budget confirmed', enhancement.budgetConfirmed ? 'Yes' : 'Not yet'],
          ['Identified', formatDateTime(enhancement.createdAt, timeZone)],
        ]}
      />
      <PhotoGrid photos={enhancement.photos} />
    </Stack>
  );
}
