import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { MAX_PAGE_SIZE } from '@groundwork/shared';
import { Alert, Box, Button, CloseButton, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { graphql } from '../../gql';
import { useSignedInUser } from '../auth/auth.context';
import { describeError } from '../../ui/error.describe';
import { Empty, QueryError, TableSkeleton } from '../../ui/QueryState';
import { useSearchParamsState } from '../../ui/search-params.hook';
import { useLiveView } from '../live/live-view.hook';
import { AccountsTable } from './AccountsTable';
import { formatCount } from '../../ui/count.format';
import {
  ACCOUNTS_PAGE_SIZE,
  accountsQueryVariables,
  parseAccountsListState,
  toggleSort,
  writeAccountsListState,
  type AccountSortField,
  type AccountsListState,
} from './accounts.url-state';
import { ReportDraftsNotice } from '../reports/ReportDraftsNotice';
import { DueWorkCard } from '../plans/DueWorkCard';

// `eventCursor` comes with the rows so live updates start exactly where they were read.
export const AccountsPageQuery = graphql(`
  query AccountsPage($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {
    eventCursor
    accounts(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...AccountsTable_account
        }
      }
    }
  }
`);

const SEARCH_DEBOUNCE_MS = 300;

/** Search box whose value reaches the URL after the user pauses typing. */
function useDebouncedSearch(state: AccountsListState, update: (patch: Partial<AccountsListState>) => void) {
  const [draft, setDraft] = useState(state.search);
  const [debounced] = useDebouncedValue(draft, SEARCH_DEBOUNCE_MS);
  // What this page last wrote into the URL; any other value came from outside
  // (Back/Forward, a pasted link) and must replace what is in the box.
  const written = useRef(state.search);

  useEffect(() => {
    const search = debounced.trim();
    if (search === written.current) return;
    written.current = search;
    update({ search });
    // `update` changes with every URL change; only a new debounced value should write.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    if (state.search === written.current) return;
    written.current = state.search;
    setDraft(state.search);
  }, [state.search]);

  const clear = () => {
    setDraft('');
    written.current = '';
    update({ search: '' });
  };
  return { draft, setDraft, clear };
}

export function AccountsPage() {
  const { role } = useSignedInUser();
  const [params, setParams] = useSearchParamsState();
  const state = useMemo(() => parseAccountsListState(params), [params]);

  const update = (patch: Partial<AccountsListState> | ((view: AccountsListState) => Partial<AccountsListState>)) =>
    // Typing and re-sorting refine the same view: replace the history entry instead of stacking one per keystroke.
    setParams(
      (current) => {
        const view = parseAccountsListState(current);
        return writeAccountsListState({ ...view, ...(typeof patch === 'function' ? patch(view) : patch) }, current);
      },
      { replace: true },
    );
  // From the view as the URL holds it at the click, so a quick second click flips it back.
  const onSort = (field: AccountSortField) => update((view) => toggleSort(view, field));
  const search = useDebouncedSearch(state, update);

  const client = useApolloClient();
  const { data, previousData, error, refetch, fetchMore, networkStatus } = useQuery(AccountsPageQuery, {
    variables: accountsQueryVariables(state),
    notifyOnNetworkStatusChange: true,
    // A list cached from an earlier visit is shown at once but reloaded: live updates start from the fresh read.
  });
  const [loadMoreError, setLoadMoreError] = useState<unknown>(null);

  // While a new search or sort loads, keep showing the previous rows (dimmed) rather than flashing a skeleton.
  const shown = data ?? previousData;
  const connection = shown?.accounts;
  const accounts = connection?.edges.map((edge) => edge.node) ?? [];
  const refreshing = networkStatus === NetworkStatus.setVariables || networkStatus === NetworkStatus.refetch;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  useLiveView({
    cursor: networkStatus === NetworkStatus.ready ? data?.eventCursor : undefined,
    filter: null,
    // Counts and last walks change with any event of a listed account; other accounts' events change nothing
    // here, and neither does a change of health (the list does not show it).
    touches: (event) =>
      event.type !== 'ACCOUNT_HEALTH_CHANGED' &&
      event.accountId !== null &&
      accounts.some((account) => account.id === event.accountId),
    // Every row shown, not just the first page ("Load more" pages would fold back into one otherwise).
    reload: async () => {
      const first = Math.min(MAX_PAGE_SIZE, Math.max(ACCOUNTS_PAGE_SIZE, accounts.length));
      const { data: fresh } = await client.query({
        query: AccountsPageQuery,
        variables: { ...accountsQueryVariables(state), first },
        fetchPolicy: 'network-only',
      });
      return fresh?.eventCursor;
    },
  });

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadMoreError(null);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } catch (err) {
      setLoadMoreError(err);
    }
  };

  let body;
  if (error && !data) {
    body = <QueryError error={error} what="accounts" onRetry={() => void refetch()} />;
  } else if (!connection) {
    body = <TableSkeleton columns={11} />;
  } else if (accounts.length === 0) {
    body = state.search ? (
      <Empty title={`No accounts match “${state.search}”`} description="Search looks at account names.">
        <Button size="xs" variant="light" onClick={search.clear}>
          Clear search
        </Button>
      </Empty>
    ) : (
      <Empty title="No accounts yet" description="Accounts appear here once they are created or imported." />
    );
  } else {
    body = (
      <Stack gap="sm">
        <Box style={{ opacity: refreshing ? 0.55 : 1, transition: 'opacity 120ms' }} aria-busy={refreshing}>
          <AccountsTable accounts={accounts} state={state} onSort={onSort} />
        </Box>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Showing {accounts.length} of {formatCount(connection.totalCount, 'account')}
          </Text>
          {connection.pageInfo.hasNextPage && (
            <Button size="xs" variant="default" loading={loadingMore} onClick={() => void loadMore()}>
              Load more
            </Button>
          )}
        </Group>
        {loadMoreError != null && (
          <Alert color="red" variant="light" title="Could not load more accounts">
            {describeError(loadMoreError).message}
          </Alert>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {role === 'ACCOUNT_MANAGER' && <ReportDraftsNotice />}
      {role === 'ACCOUNT_MANAGER' && <DueWorkCard />}
      <Group justify="space-between" align="flex-end">
        {/* The server lists an account manager's own accounts only; say so. */}
        <Title order={3}>{role === 'ACCOUNT_MANAGER' ? 'My accounts' : 'Accounts'}</Title>
        <TextInput
          aria-label="Search accounts"
          placeholder="Search accounts"
          leftSection={<IconSearch size={16} />}
          rightSection={
            refreshing ? (
              <Loader size={14} />
            ) : search.draft ? (
              <CloseButton size="sm" aria-label="Clear search" onClick={search.clear} />
            ) : null
          }
          value={search.draft}
          onChange={(event) => search.setDraft(event.currentTarget.value)}
          w={320}
          size="sm"
        />
      </Group>
      {error && data && <QueryError error={error} what="the latest accounts" onRetry={() => void refetch()} />}
      {body}
    </Stack>
  );
}
