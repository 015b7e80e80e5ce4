import { useQuery } from '@apollo/client/react';
import {
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconPrinter, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useReportSettings } from '../../ui/report-settings';
import { Link, useParams, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { isRecordUnavailable } from '../../ui/error.describe';
import { QueryError, SectionSkeleton } from '../../ui/QueryState';
import { NotFoundPage } from '../auth/NotFoundPage';
import { CustomerReportView, type PhotoSize } from './CustomerReportView';
import classes from './CustomerReportView.module.css';
import { formatPeriod } from './report.format';
import { ShareReportDialog } from './ShareReportDialog';
import { customerReportPdfUrl, parseReportChoices, reportChoicesParams, type ReportChoices } from './report.url-state';

export const CustomerReportPageQuery = graphql(`
  query CustomerReportPage($accountId: ID!, $input: CustomerReportInput!) {
    account(id: $accountId) {
      id
      name
      properties {
        id
        name
      }
    }
    # The pick of pairs stays in the page (every pair comes back, the default pick marked chosen),
    # so picking and unpicking asks nothing of the server.
    customerReport(input: $input) {
      ...CustomerReportView_report
    }
  }
`);

const ALL_PROPERTIES = 'all';

/** Signed in, a photo is read through the owner's permission. */
const signedInPhotoUrl = (photoId: string, size: PhotoSize) => `/photos/${photoId}/${size}`;

function Crumbs({ accountId, name }: { accountId: string; name: string }) {
  return (
    <Breadcrumbs fz="sm" className={classes.noPrint}>
      <Anchor component={Link} to="/accounts" size="sm">
        Accounts
      </Anchor>
      <Anchor component={Link} to={`/accounts/${accountId}`} size="sm">
        {name}
      </Anchor>
      <Text size="sm">Customer report</Text>
    </Breadcrumbs>
  );
}

/**
 * The customer value report of an account, as the account manager reviews it before
 * it goes out: the period and property, the before/after pairs to show, then print,
 * download or share it.
 */
export function CustomerReportPage() {
  const { accountId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const choices = parseReportChoices(params);
  const [mode, setMode] = useState<'pick' | 'preview'>('pick');
  const [sharing, setSharing] = useState(false);
  const { companyName } = useReportSettings();
  const { data, previousData, error, refetch, loading } = useQuery(CustomerReportPageQuery, {
    variables: {
      accountId,
      input: {
        accountId,
        from: choices.from ?? undefined,
        to: choices.to ?? undefined,
        propertyId: choices.propertyId ?? undefined,
      },
    },
  });
  // A new period or property keeps the last report on screen until the new one arrives.
  const shown = data ?? previousData;

  // Another period or property has other fixes: its pick starts again from the default.
  const choose = (change: Partial<ReportChoices>) => setParams(reportChoicesParams({ ...choices, ...change }));

  if (error && !shown && isRecordUnavailable(error, 'account')) return <NotFoundPage what="Account" />;
  if (error && !shown) {
    return (
      <Stack gap="md">
        <Crumbs accountId={accountId} name="Account" />
        <QueryError error={error} what="the customer report" onRetry={() => void refetch()} />
      </Stack>
    );
  }
  if (!shown) {
    return (
      <Stack gap="md">
        <Crumbs accountId={accountId} name="…" />
        <Card>
          <SectionSkeleton lines={6} />
        </Card>
      </Stack>
    );
  }
  const { account, customerReport: report } = shown;
  if (!account) return <NotFoundPage what="Account" />;

  const chosenPairIds = new Set(
    choices.pairs ?? report.proofPairs.filter((pair) => pair.chosen).map((pair) => pair.issue.id),
  );
  const togglePair = (issueId: string, chosen: boolean) => {
    // Kept in the report's order, the most telling first.
    const next = report.proofPairs
      .map((pair) => pair.issue.id)
      .filter((id) => (id === issueId ? chosen : chosenPairIds.has(id)));
    choose({ pairs: next });
  };
  // What is printed, downloaded and shared is exactly what is on screen.
  const picked: ReportChoices = {
    ...choices,
    pairs: report.proofPairs.map((pair) => pair.issue.id).filter((id) => chosenPairIds.has(id)),
  };

  return (
    <Stack gap="md">
      <Crumbs accountId={account.id} name={account.name} />
      <Card className={classes.noPrint} data-testid="report-controls">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <TextInput
              type="date"
              label="From"
              value={choices.from ?? report.from}
              max={choices.to ?? report.to}
              onChange={(event) => choose({ from: event.currentTarget.value || null, pairs: null })}
            />
            <TextInput
              type="date"
              label="To"
              value={choices.to ?? report.to}
              min={choices.from ?? report.from}
              onChange={(event) => choose({ to: event.currentTarget.value || null, pairs: null })}
            />
            <Select
              label="Property"
              value={choices.propertyId ?? ALL_PROPERTIES}
              allowDeselect={false}
              data={[
                { value: ALL_PROPERTIES, label: 'All properties' },
                ...account.properties.map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={(value) => choose({ propertyId: value === ALL_PROPERTIES ? null : value, pairs: null })}
            />
          </SimpleGrid>
          <Group gap="xs" justify="space-between">
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(value) => setMode(value as 'pick' | 'preview')}
              data={[
                { value: 'pick', label: 'Pick photos' },
                { value: 'preview', label: 'Preview' },
              ]}
              aria-label="Pick photos or preview as the customer sees it"
            />
            <Group gap="xs">
              <Button size="xs" leftSection={<IconShare size={14} />} onClick={() => setSharing(true)}>
                Share with the customer
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPrinter size={14} />}
                onClick={() => window.print()}
              >
                Print
              </Button>
              <Button
                size="xs"
                variant="default"
                component="a"
                href={customerReportPdfUrl(account.id, picked)}
                leftSection={<IconDownload size={14} />}
              >
                Download PDF
              </Button>
            </Group>
          </Group>
          {loading && (
            <Text size="xs" c="dimmed" role="status">
              Updating the report…
            </Text>
          )}
        </Stack>
      </Card>
      <ShareReportDialog
        opened={sharing}
        onClose={() => setSharing(false)}
        accountId={account.id}
        // The period as shown, not "last month" again: the link keeps what was reviewed.
        choices={{ ...picked, from: report.from, to: report.to }}
        periodLabel={formatPeriod(report.from, report.to)}
        chosenPairCount={picked.pairs?.length ?? 0}
      />
      <CustomerReportView
        report={report}
        companyName={companyName ?? undefined}
        photoUrl={signedInPhotoUrl}
        chosenPairIds={chosenPairIds}
        onTogglePair={mode === 'pick' ? togglePair : undefined}
      />
    </Stack>
  );
}
