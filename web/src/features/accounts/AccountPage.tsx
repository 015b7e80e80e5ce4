import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Breadcrumbs, Card, Grid, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { canReportIssues, isId, managesAccount } from '@groundwork/shared';
import { useSignedInUser } from '../auth/auth.context';
import { DeskIssueSheet, type DeskIssueTarget } from '../capture/DeskIssueSheet';
import { useToast } from '../../ui/toast';
import { AccountHealthPanel, type HealthRecord } from '../health/AccountHealthPanel';
import { Link, useParams, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { NotFoundPage } from '../auth/NotFoundPage';
import { isRecordUnavailable } from '../../ui/error.describe';
import { QueryError, SectionSkeleton } from '../../ui/QueryState';
import { useLiveView } from '../live/live-view.hook';
import { RecordDrawer, type RecordRef } from '../records/RecordDrawer';
import { AccountEnhancements } from './AccountEnhancements';
import { AccountHeader } from './AccountHeader';
import { AccountIssues } from './AccountIssues';
import { AccountPlanCard } from './AccountPlanCard';
import { AccountProperties } from './AccountProperties';
import { SiteWalksTable } from './SiteWalksTable';
import { CustomerReportLink } from '../reports/CustomerReportLink';

// One query for the whole page (Apollo's advice: one query per page, each
// component declaring its needs in a fragment). Lists page on from here with
// their own next-page queries. `eventCursor` is read in the same request as
// the data, so live updates start exactly where the data was read.
export const AccountPageQuery = graphql(`
  query AccountPage($id: ID!, $withHealth: Boolean!) {
    eventCursor
    account(id: $id) {
      id
      name
      accountManager {
        id
      }
      contacts {
        id
        name
        title
      }
      ...AccountHeader_account
      # Crew leads may not read health (the server refuses): the page does not ask for them.
      health @include(if: $withHealth) {
        accountId
        ...AccountHealthPanel_health
      }
      properties {
        id
        ...AccountProperties_properties
      }
      issues(filter: { openOnly: true }, first: 20) {
        ...AccountIssues_issues
      }
      # Resolved, waiting for the account manager's check against the after photos. A first page of 10
      # keeps the page's query within half the server's cost limit (server/test/security.test.ts).
      toVerify: issues(filter: { statuses: [RESOLVED] }, first: 10) {
        ...AccountIssues_issues
      }
      enhancements(filter: { openOnly: true }, first: 20) {
        ...AccountEnhancements_enhancements
      }
      siteWalks(first: 20) {
        id
        ...SiteWalksTable_siteWalks
      }
      plan {
        id
        ...AccountPlanCard_plan
      }
    }
  }
`);

/** A record a link opens on arrival (`?issue=…` or `?enhancement=…`, e.g. from the records behind a KPI). */
function linkedRecord(params: URLSearchParams): RecordRef | null {
  const issue = params.get('issue');
  if (isId(issue)) return { kind: 'ISSUE', id: issue };
  const enhancement = params.get('enhancement');
  return isId(enhancement) ? { kind: 'ENHANCEMENT', id: enhancement } : null;
}

function Crumbs({ name }: { name: string }) {
  return (
    <Breadcrumbs fz="sm">
      <Anchor component={Link} to="/accounts" size="sm">
        Accounts
      </Anchor>
      <Text size="sm">{name}</Text>
    </Breadcrumbs>
  );
}

export function AccountPage() {
  const { accountId = '' } = useParams();
  const viewer = useSignedInUser();
  const { role } = viewer;
  const withHealth = role !== 'CREW_LEAD';
  const { data, error, refetch, networkStatus } = useQuery(AccountPageQuery, {
    variables: { id: accountId, withHealth },
    // The cache may hold this account from an earlier visit, current only up to when that visit
    // left: show it, but reload, and go live from the fresh read.
    fetchPolicy: 'cache-and-network',
  });
  useLiveView({
    cursor: networkStatus === NetworkStatus.ready ? data?.eventCursor : undefined,
    filter: { accountIds: [accountId] },
    touches: (event) => event.accountId === accountId,
    reload: async () => (await refetch()).data?.eventCursor,
  });
  const [chosenPropertyId, setChosenPropertyId] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('issues');
  const [params, setParams] = useSearchParams();
  const [openRecord, setOpenRecord] = useState<RecordRef | null>(() => linkedRecord(params));
  const closeRecord = () => {
    setOpenRecord(null);
    // Closed, the linked record is not reopened by a reload.
    if (params.has('issue') || params.has('enhancement')) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('issue');
          next.delete('enhancement');
          return next;
        },
        { replace: true },
      );
    }
  };
  const [highlightedWalkId, setHighlightedWalkId] = useState<string | null>(null);
  const [deskTarget, setDeskTarget] = useState<DeskIssueTarget | null>(null);
  const toast = useToast();

  // Issues and Enhancements behind the score open in the drawer (they may be resolved or approved, so
  // not in the open lists below); a site walk is shown where walks are listed, marked.
  const openHealthRecord = (record: HealthRecord) => {
    if (record.kind === 'SITE_WALK') {
      setTab('walks');
      setHighlightedWalkId(record.id);
    } else {
      setOpenRecord({ kind: record.kind, id: record.id });
    }
  };

  // A mistyped, unknown or someone else's account: a dead end, not a failure to retry.
  if (error && !data && isRecordUnavailable(error, 'account')) return <NotFoundPage what="Account" />;
  if (error && !data) {
    return (
      <Stack gap="md">
        <Crumbs name="Account" />
        <QueryError error={error} what="this account" onRetry={() => void refetch()} />
      </Stack>
    );
  }
  if (!data) {
    return (
      <Stack gap="md">
        <Crumbs name="…" />
        <Card>
          <SectionSkeleton lines={5} />
        </Card>
        <Card>
          <SectionSkeleton lines={8} />
        </Card>
      </Stack>
    );
  }
  const account = data.account;
  if (!account) return <NotFoundPage what="Account" />;

  // Until someone picks one, show the first property's schedule rather than nothing.
  const selectedPropertyId = chosenPropertyId ?? account.properties[0]?.id ?? null;

  return (
    <Stack gap="md">
      <Crumbs name={account.name} />
      <CustomerReportLink accountId={account.id} />
      <AccountHeader account={account} />
      {withHealth && <AccountHealthPanel health={account.health ?? null} onOpenRecord={openHealthRecord} />}
      <RecordDrawer record={openRecord} onClose={closeRecord} showAccount={false} />
      {/* The new Issue reaches the lists below live, like anyone else's. */}
      <DeskIssueSheet
        target={deskTarget}
        onClose={() => setDeskTarget(null)}
        onSaved={(message) => {
          setDeskTarget(null);
          toast.show({ tone: 'green', title: 'Customer report saved', message });
        }}
        onOpenIssue={(id) => {
          setDeskTarget(null);
          setOpenRecord({ kind: 'ISSUE', id });
        }}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <AccountProperties
            properties={account.properties}
            selectedId={selectedPropertyId}
            onSelect={setChosenPropertyId}
            onNewIssue={canReportIssues(role) ? setDeskTarget : undefined}
            newIssueSpot={deskTarget?.spot ?? null}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <AccountPlanCard
            plan={account.plan}
            editing={
              managesAccount(viewer, account.accountManager.id)
                ? { accountId: account.id, contacts: account.contacts, onChanged: () => refetch() }
                : undefined
            }
          />
        </Grid.Col>
      </Grid>
      <Card p={0}>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List px="sm">
            <Tabs.Tab
              value="issues"
              rightSection={
                <Badge size="xs" variant="light" color={account.issues.totalCount > 0 ? 'orange' : 'gray'}>
                  {account.issues.totalCount}
                </Badge>
              }
            >
              Open issues
            </Tabs.Tab>
            <Tabs.Tab
              value="verify"
              rightSection={
                <Badge size="xs" variant="light" color={account.toVerify.totalCount > 0 ? 'teal' : 'gray'}>
                  {account.toVerify.totalCount}
                </Badge>
              }
            >
              To verify
            </Tabs.Tab>
            <Tabs.Tab
              value="enhancements"
              rightSection={
                <Badge size="xs" variant="light" color="gray">
                  {account.enhancements.totalCount}
                </Badge>
              }
            >
              Open enhancements
            </Tabs.Tab>
            <Tabs.Tab value="walks">Site walks</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="issues" p="sm">
            <AccountIssues
              accountId={account.id}
              issues={account.issues}
              onOpen={(id) => setOpenRecord({ kind: 'ISSUE', id })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="verify" p="sm">
            <AccountIssues
              accountId={account.id}
              issues={account.toVerify}
              list="toVerify"
              onOpen={(id) => setOpenRecord({ kind: 'ISSUE', id })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="enhancements" p="sm">
            <AccountEnhancements
              accountId={account.id}
              enhancements={account.enhancements}
              onOpen={(id) => setOpenRecord({ kind: 'ENHANCEMENT', id })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="walks" p="sm">
            <SiteWalksTable
              siteWalks={account.siteWalks}
              highlightedId={highlightedWalkId}
              onOpen={(walk) => setOpenRecord({ kind: 'SITE_WALK', id: walk.id, label: walk.label })}
            />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  );
}
