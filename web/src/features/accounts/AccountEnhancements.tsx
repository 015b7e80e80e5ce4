import { ENHANCEMENT_STAGE_LABELS } from '@groundwork/shared';
import { Anchor, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { graphql } from '../../gql';
import type { AccountEnhancements_EnhancementsFragment } from '../../gql/graphql';
import { ENHANCEMENT_STAGE_COLORS } from '../../ui/domain.colors';
import { LoadMore } from '../../ui/LoadMore';
import { nounForms } from '../../ui/count.format';
import { formatMoney } from '../../ui/money.format';
import { useNextPage } from '../../ui/next-page.hook';
import { Empty } from '../../ui/QueryState';
import { StackedItem, StackedList, usePhoneList } from '../../ui/StackedList';

export const AccountEnhancements_enhancements = graphql(`
  fragment AccountEnhancements_enhancements on EnhancementConnection {
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
        stage
        # Live updates apply only what is newer than this read.
        version
        customerInterest
        budgetConfirmed
        estimatedValue
        proposalValue
        property {
          id
          name
        }
        serviceLine {
          id
          name
        }
      }
    }
  }
`);

export const AccountEnhancementsNextPageQuery = graphql(`
  query AccountEnhancementsNextPage($accountId: ID!, $after: String) {
    account(id: $accountId) {
      id
      enhancements(filter: { openOnly: true }, first: 20, after: $after) {
        ...AccountEnhancements_enhancements
      }
    }
  }
`);

function Flag({ on, label }: { on: boolean; label: string }) {
  return (
    <Tooltip label={`${label}: ${on ? 'yes' : 'not yet'}`}>
      <Group gap={2} wrap="nowrap" c={on ? 'green.8' : 'dimmed'}>
        {on ? <IconCheck size={14} aria-hidden /> : <IconMinus size={14} aria-hidden />}
        <Text size="xs" span>
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}

type AccountEnhancementsProps = {
  accountId: string;
  enhancements: AccountEnhancements_EnhancementsFragment;
  /** Opens the Enhancement (a row, or its title by keyboard). */
  onOpen?: (enhancementId: string) => void;
};

type Enhancement = AccountEnhancements_EnhancementsFragment['edges'][number]['node'];

function EnhancementTitle({ enhancement }: { enhancement: Enhancement }) {
  return (
    <Stack gap={0}>
      {/* A button for the keyboard; its click reaches the row. */}
      <Anchor component="button" type="button" size="sm" fw={600} c="inherit" ta="left">
        {enhancement.title}
      </Anchor>
      <Text size="xs" c="dimmed">
        {enhancement.property.name}
        {enhancement.serviceLine ? ` · ${enhancement.serviceLine.name}` : ''}
      </Text>
    </Stack>
  );
}

function StageBadge({ enhancement }: { enhancement: Enhancement }) {
  return (
    <Badge size="sm" variant="light" color={ENHANCEMENT_STAGE_COLORS[enhancement.stage]}>
      {ENHANCEMENT_STAGE_LABELS[enhancement.stage]}
    </Badge>
  );
}

function Qualification({ enhancement }: { enhancement: Enhancement }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Flag on={enhancement.customerInterest} label="Interest" />
      <Flag on={enhancement.budgetConfirmed} label="Budget" />
    </Group>
  );
}

const money = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** Open Enhancements in the sales pipeline; qualification (interest + budget) shown because it gates estimating. */
export function AccountEnhancements({ accountId, enhancements, onOpen }: AccountEnhancementsProps) {
  const nextPage = useNextPage(AccountEnhancementsNextPageQuery);
  const phone = usePhoneList();
  if (enhancements.edges.length === 0) {
    return <Empty title="No open enhancements" description="No upsell work is in the pipeline for this account." />;
  }
  const open = (id: string) => (onOpen ? () => onOpen(id) : undefined);
  return (
    <Stack gap={0}>
      {phone ? (
        // Five columns do not fit a phone: each Enhancement stacked, the money under its title.
        <StackedList label="Open enhancements">
          {enhancements.edges.map(({ node: enhancement }) => (
            <StackedItem key={enhancement.id} data-testid="enhancement-row" onOpen={open(enhancement.id)}>
              <EnhancementTitle enhancement={enhancement} />
              <Group gap="sm">
                <StageBadge enhancement={enhancement} />
                <Qualification enhancement={enhancement} />
              </Group>
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                Estimated {formatMoney(enhancement.estimatedValue)} · Proposal {formatMoney(enhancement.proposalValue)}
              </Text>
            </StackedItem>
          ))}
        </StackedList>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Enhancement</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Qualification</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Estimated</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Proposal</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {enhancements.edges.map(({ node: enhancement }) => (
                <Table.Tr
                  key={enhancement.id}
                  data-testid="enhancement-row"
                  onClick={open(enhancement.id)}
                  style={onOpen && { cursor: 'pointer' }}
                >
                  <Table.Td>
                    <EnhancementTitle enhancement={enhancement} />
                  </Table.Td>
                  <Table.Td>
                    <StageBadge enhancement={enhancement} />
                  </Table.Td>
                  <Table.Td>
                    <Qualification enhancement={enhancement} />
                  </Table.Td>
                  <Table.Td style={money}>{formatMoney(enhancement.estimatedValue)}</Table.Td>
                  <Table.Td style={money}>{formatMoney(enhancement.proposalValue)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={enhancements.edges.length}
        total={enhancements.totalCount}
        noun={nounForms('open enhancement')}
        hasMore={enhancements.pageInfo.hasNextPage}
        loading={nextPage.loading}
        error={nextPage.error}
        onLoadMore={() => void nextPage.load({ accountId, after: enhancements.pageInfo.endCursor })}
      />
    </Stack>
  );
}
