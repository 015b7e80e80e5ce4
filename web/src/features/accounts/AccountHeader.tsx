import { Anchor, Badge, Card, Divider, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconMail, IconPhone, IconStarFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { graphql } from '../../gql';
import type { AccountHeader_AccountFragment } from '../../gql/graphql';
import { formatLocalDate, formatRelativeTime } from '../../ui/date.format';
import { formatMoney } from '../../ui/money.format';
import { describeRenewal, describeTier } from './account.format';
import { formatCount } from '../../ui/count.format';
import { useHealthThresholds } from '../../ui/health-thresholds';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { usePhoneList } from '../../ui/StackedList';

export const AccountHeader_account = graphql(`
  fragment AccountHeader_account on Account {
    id
    name
    segment
    tier
    annualValue
    contractStart
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
      email
    }
    contacts {
      id
      name
      title
      email
      phone
      isPrimary
    }
  }
`);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

type AccountHeaderProps = { account: AccountHeader_AccountFragment; now?: Date };

/** Who the customer is, what the contract is worth, when it renews, and whom to call. */
export function AccountHeader({ account, now = new Date() }: AccountHeaderProps) {
  const timeZone = useCompanyTimeZone();
  // The server's count, the same figure the health panel's renewal outlook shows.
  const renewal = describeRenewal(account.daysToRenewal, useHealthThresholds());
  // Primary contact first: that is who an account manager calls.
  const contacts = [...account.contacts].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  // Beside the name the value lines up on the right; under it, on a phone, on the left like every fact below.
  const phone = usePhoneList();
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2}>{account.name}</Title>
            <Group gap="xs">
              <Badge variant="light" color="gray">
                {account.segment}
              </Badge>
              <Tooltip label={describeTier(account.tier)}>
                <Badge variant="outline" color="green">
                  Tier {account.tier}
                </Badge>
              </Tooltip>
              {account.overdueIssueCount > 0 && (
                <Badge color="red" variant="filled">
                  {account.overdueIssueCount} overdue
                </Badge>
              )}
            </Group>
          </Stack>
          <Stack gap={0} align={phone ? 'flex-start' : 'flex-end'} data-testid="account-value">
            <Text size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(account.annualValue)}
            </Text>
            <Text size="xs" c="dimmed">
              annual contract value
            </Text>
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md" verticalSpacing="sm">
          <Fact label="Account manager">{account.accountManager.name}</Fact>
          <Fact label="Contract start">{formatLocalDate(account.contractStart)}</Fact>
          <Fact label="Renewal">
            {formatLocalDate(account.renewalDate)}{' '}
            <Text
              span
              size="xs"
              c={renewal.tone === 'gray' ? 'dimmed' : renewal.tone}
              fw={600}
              data-testid="account-renewal"
              data-tone={renewal.tone}
            >
              ({renewal.label})
            </Text>
          </Fact>
          <Fact label="Properties">{account.propertyCount}</Fact>
          <Fact label="Open work">
            {formatCount(account.openIssueCount, 'issue')} · {formatCount(account.openEnhancementCount, 'enhancement')}
          </Fact>
          <Fact label="Last site walk">
            {account.lastSiteWalkAt ? formatRelativeTime(account.lastSiteWalkAt, now, timeZone) : 'Never'}
          </Fact>
        </SimpleGrid>
        <Divider />
        <Stack gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
            Contacts
          </Text>
          {contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No contacts recorded for this account.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
              {contacts.map((contact) => (
                <Stack key={contact.id} gap={0}>
                  <Group gap={4}>
                    <Text size="sm" fw={600}>
                      {contact.name}
                    </Text>
                    {contact.isPrimary && (
                      <Tooltip label="Primary contact">
                        <IconStarFilled size={12} color="var(--mantine-color-yellow-6)" aria-label="Primary contact" />
                      </Tooltip>
                    )}
                    {contact.title && (
                      <Text size="xs" c="dimmed">
                        {contact.title}
                      </Text>
                    )}
                  </Group>
                  <Group gap="sm">
                    {contact.email && (
                      <Anchor href={`mailto:${contact.email}`} size="xs">
                        <Group gap={3} wrap="nowrap">
                          <IconMail size={12} /> {contact.email}
                        </Group>
                      </Anchor>
                    )}
                    {contact.phone && (
                      <Anchor href={`tel:${contact.phone}`} size="xs">
                        <Group gap={3} wrap="nowrap">
                          <IconPhone size={12} /> {contact.phone}
                        </Group>
                      </Anchor>
                    )}
                  </Group>
                </Stack>
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
