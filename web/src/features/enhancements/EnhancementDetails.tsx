import { useQuery } from '@apollo/client/react';
import { ENHANCEMENT_STAGE_LABELS } from '@groundwork/shared';
import { Alert, Anchor, Badge, Blockquote, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/date.format';
import { ENHANCEMENT_STAGE_COLORS } from '../../ui/domain.colors';
import { formatMoney } from '../../ui/money.format';
import { Empty, QueryError, SectionSkeleton } from '../../ui/QueryState';
import { FactsTable } from '../../ui/FactsTable';
import { PhotoGallery } from '../../ui/PhotoGallery';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { EnhancementAdvance, type AdvanceProblem } from './EnhancementAdvance';
import { EnhancementDetailsQuery } from './enhancement.graphql';

/**
 * One Enhancement as the server has it (the `enhancement(id)` query), for
 * the drawer that opens one: its facts, photos, and the next step along the
 * pipeline for those who may take it. `showAccount` is off where the account
 * is already on screen.
 */
export function EnhancementDetails({ id, showAccount = true }: { id: string; showAccount?: boolean }) {
  const timeZone = useCompanyTimeZone();
  const { data, error, refetch } = useQuery(EnhancementDetailsQuery, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [problem, setProblem] = useState<AdvanceProblem | null>(null);
  const enhancement = data?.enhancement;
  if (error && !enhancement) return <QueryError error={error} what="this Enhancement" onRetry={() => void refetch()} />;
  if (!data) return <SectionSkeleton lines={6} />;
  if (!enhancement) {
    return <Empty title="Enhancement not found" description="It may have been removed, or you cannot see it." />;
  }
  return (
    <Stack gap="sm" data-testid="record-enhancement" data-record-id={enhancement.id} data-stage={enhancement.stage}>
      <Text fw={700} size="lg">
        {enhancement.title}
      </Text>
      <Group gap={6}>
        <Badge color={ENHANCEMENT_STAGE_COLORS[enhancement.stage]} variant="light" data-testid="enhancement-stage">
          {ENHANCEMENT_STAGE_LABELS[enhancement.stage]}
        </Badge>
      </Group>
      <Text size="sm">{enhancement.description || 'No description.'}</Text>
      {enhancement.stage === 'DECLINED' && enhancement.declineReason && (
        <Blockquote p="xs" color="red" cite="— why it was declined">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="decline-reason">
            {enhancement.declineReason}
          </Text>
        </Blockquote>
      )}
      {/* Afresh for each stage: the next step's form starts from the values as they are now. */}
      <EnhancementAdvance
        key={enhancement.stage}
        enhancement={enhancement}
        refetch={() => refetch().then(() => undefined)}
        onProblem={setProblem}
      />
      {problem && (
        <Alert color="orange" title={`Not moved: ${problem.title}`} role="alert">
          {problem.message}
        </Alert>
      )}
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
          ['Last change', formatDateTime(enhancement.updatedAt, timeZone)],
        ]}
      />
      <PhotoGallery photos={enhancement.photos} timeZone={timeZone} />
    </Stack>
  );
}
