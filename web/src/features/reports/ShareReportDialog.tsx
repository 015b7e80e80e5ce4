import { useMutation, useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCheck, IconCopy, IconLink, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { CustomerReportShareRowFragment } from '../../gql/graphql';
import { useCompanyTimeZone } from '../../ui/company-calendar';
import { useReportSettings } from '../../ui/report-settings';
import { formatCount } from '../../ui/count.format';
import { describeError } from '../../ui/error.describe';
import { QueryError, SectionSkeleton } from '../../ui/QueryState';
import { formatDay, formatPeriod } from './report.format';
import type { ReportChoices } from './report.url-state';

export const CustomerReportShareRow = graphql(`
  fragment CustomerReportShareRow on CustomerReportShare {
    id
    from
    to
    createdAt
    expiresAt
    revokedAt
    viewCount
    lastViewedAt
  }
`);

export const CustomerReportSharesQuery = graphql(`
  query CustomerReportShares($accountId: ID!) {
    account(id: $accountId) {
      id
      reportShares {
        ...CustomerReportShareRow
      }
    }
  }
`);

export const ShareCustomerReportMutation = graphql(`
  mutation ShareCustomerReport($input: ShareCustomerReportInput!) {
    shareCustomerReport(input: $input) {
      url
      ...CustomerReportShareRow
    }
  }
`);

export const EmailCustomerReportMutation = graphql(`
  mutation EmailCustomerReport($input: EmailCustomerReportInput!) {
    emailCustomerReport(input: $input) {
      sentTo
      share {
        id
        url
        expiresAt
      }
    }
  }
`);

export const RevokeCustomerReportShareMutation = graphql(`
  mutation RevokeCustomerReportShare($id: ID!) {
    revokeCustomerReportShare(id: $id) {
      ...CustomerReportShareRow
    }
  }
`);

type ShareReportDialogProps = {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  /** Exactly what the page shows: the period, the property and the pick of pairs. */
  choices: ReportChoices;
  /** "May 1 – 31, 2026", as the report says it. */
  periodLabel: string;
  chosenPairCount: number;
};

/**
 * A read-only link to this report for the customer's contacts (no sign-in), and the
 * account's earlier links with how often they were opened, each withdrawable.
 */
export function ShareReportDialog({
  opened,
  onClose,
  accountId,
  choices,
  periodLabel,
  chosenPairCount,
}: ShareReportDialogProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title="Share with the customer" size="lg" fullScreen={phone}>
      {opened && (
        <ShareReportBody
          accountId={accountId}
          choices={choices}
          periodLabel={periodLabel}
          chosenPairCount={chosenPairCount}
        />
      )}
    </Modal>
  );
}

function ShareReportBody({
  accountId,
  choices,
  periodLabel,
  chosenPairCount,
}: Omit<ShareReportDialogProps, 'opened' | 'onClose'>) {
  const timeZone = useCompanyTimeZone();
  const shares = useQuery(CustomerReportSharesQuery, { variables: { accountId }, fetchPolicy: 'network-only' });
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const [share, sharing] = useMutation(ShareCustomerReportMutation);
  const [email, emailing] = useMutation(EmailCustomerReportMutation);
  const [sentTo, setSentTo] = useState<string[] | null>(null);
  const { emailEnabled } = useReportSettings();
  const input = {
    accountId,
    propertyId: choices.propertyId ?? undefined,
    from: choices.from ?? undefined,
    to: choices.to ?? undefined,
    proofIssueIds: choices.pairs ?? undefined,
  };

  const createLink = async () => {
    const result = await share({ variables: { input } }).catch(() => null);
    const link = result?.data?.shareCustomerReport;
    if (link?.url) {
      setCreated({ url: link.url, expiresAt: link.expiresAt });
      void shares.refetch();
    }
  };

  // The same report by email to every contact of the account with an address: summary, link, PDF.
  const sendEmail = async () => {
    const result = await email({ variables: { input } }).catch(() => null);
    const sent = result?.data?.emailCustomerReport;
    if (sent?.share.url) {
      setCreated({ url: sent.share.url, expiresAt: sent.share.expiresAt });
      setSentTo(sent.sentTo);
      void shares.refetch();
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Anyone with the link can read this report — {periodLabel},{' '}
        {formatCount(chosenPairCount, 'before and after pair')} — without signing in, until the link expires or you
        withdraw it.
      </Text>
      {sentTo && (
        <Alert color="green" variant="light" title="Sent" data-testid="report-sent">
          Emailed with the PDF to {sentTo.join(', ')}.
        </Alert>
      )}
      {created ? (
        <Stack gap={6} data-testid="share-link">
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label="Link for the customer"
              value={created.url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={created.url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the link'}>
                  <ActionIcon
                    size="lg"
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                    aria-label="Copy the link"
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Expires {formatDay(created.expiresAt, timeZone)}.
          </Text>
        </Stack>
      ) : (
        <Group>
          <Button leftSection={<IconLink size={16} />} loading={sharing.loading} onClick={() => void createLink()}>
            Create link
          </Button>
          {emailEnabled && (
            <Button
              variant="light"
              leftSection={<IconMail size={16} />}
              loading={emailing.loading}
              onClick={() => void sendEmail()}
            >
              Email it to the contacts
            </Button>
          )}
        </Group>
      )}
      {emailing.error && (
        <Alert color="red" variant="light" role="alert" title="The email was not sent">
          {describeError(emailing.error).message}
        </Alert>
      )}
      {sharing.error && (
        <Alert color="red" variant="light" role="alert" title="The link was not created">
          {describeError(sharing.error).message}
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={3} fz="md">
          Links shared
        </Title>
        {shares.error ? (
          <QueryError error={shares.error} what="the shared links" onRetry={() => void shares.refetch()} />
        ) : !shares.data ? (
          <SectionSkeleton lines={2} />
        ) : (shares.data.account?.reportShares.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed">
            No link shared yet.
          </Text>
        ) : (
          shares.data.account!.reportShares.map((row) => <ShareRow key={row.id} share={row} />)
        )}
      </Stack>
    </Stack>
  );
}

function shareState(share: CustomerReportShareRowFragment, now: Date): 'revoked' | 'expired' | 'active' {
  if (share.revokedAt) return 'revoked';
  return new Date(share.expiresAt) <= now ? 'expired' : 'active';
}

const STATE_BADGE = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Withdrawn', color: 'red' },
} as const;

function ShareRow({ share }: { share: CustomerReportShareRowFragment }) {
  const timeZone = useCompanyTimeZone();
  const [revoke, revoking] = useMutation(RevokeCustomerReportShareMutation);
  const state = shareState(share, new Date());
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" data-testid="report-share">
      <Stack gap={0} miw={0}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {formatPeriod(share.from, share.to)}
          </Text>
          <Badge size="xs" variant="light" color={STATE_BADGE[state].color}>
            {STATE_BADGE[state].label}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Shared {formatDay(share.createdAt, timeZone)} ·{' '}
          {state === 'active'
            ? `expires ${formatDay(share.expiresAt, timeZone)}`
            : STATE_BADGE[state].label.toLowerCase()}
        </Text>
        <Text size="xs" c="dimmed" data-testid="report-share-views">
          {share.viewCount === 0
            ? 'Not opened yet'
            : `Opened ${formatCount(share.viewCount, 'time')}${share.lastViewedAt ? `, last ${formatDay(share.lastViewedAt, timeZone)}` : ''}`}
        </Text>
        {revoking.error && (
          <Text size="xs" c="red" role="alert">
            {describeError(revoking.error).message}
          </Text>
        )}
      </Stack>
      {state === 'active' && (
        <Button
          size="xs"
          variant="light"
          color="red"
          loading={revoking.loading}
          onClick={() => void revoke({ variables: { id: share.id } }).catch(() => undefined)}
        >
          Revoke
        </Button>
      )}
    </Group>
  );
}
