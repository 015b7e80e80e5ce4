import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountsPageQuery as AccountsPageData, AccountsTable_AccountFragment } from '../../gql/graphql';
import { onPhoneScreen, renderPage } from '../../test.render';
import { createFakeLiveClient, fakeIssueEvent } from '../live/live-client.fake';
import type { LiveClient } from '../live/live.client';
import { AccountsPage, AccountsPageQuery } from './AccountsPage';

let nextId = 1;
function account(overrides: Partial<AccountsTable_AccountFragment> = {}): AccountsTable_AccountFragment {
  const id = String(nextId++);
  return {
    __typename: 'Account',
    id,
    name: `Account ${id}`,
    segment: 'Office park',
    tier: 'B',
    annualValue: 120_000,
    renewalDate: '2031-06-30',
    daysToRenewal: 1500,
    propertyCount: 2,
    openIssueCount: 3,
    overdueIssueCount: 0,
    openEnhancementCount: 1,
    lastSiteWalkAt: null,
    accountManager: { __typename: 'User', id: `u${id}`, name: 'Dana Whitfield' },
    ...overrides,
  };
}

function page(nodes: AccountsTable_AccountFragment[], { hasNextPage = false, totalCount = nodes.length } = {}) {
  const data: AccountsPageData = {
    eventCursor: '100',
    accounts: {
      __typename: 'AccountConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `cursor-${nodes.at(-1)!.id}` : null },
      edges: nodes.map((node) => ({ __typename: 'AccountEdge', cursor: `cursor-${node.id}`, node })),
    },
  };
  return { data };
}

const byName = { field: 'NAME', direction: 'ASC' } as const;
const vars = (overrides: Record<string, unknown> = {}) => ({ filter: null, sort: byName, first: 25, ...overrides });

function renderAccounts(url: string, mocks: Parameters<typeof renderPage>[1]['mocks'], live: LiveClient | null = null) {
  return renderPage(<AccountsPage />, {
    path: '/accounts',
    url,
    mocks,
    live,
    extraRoutes: [{ path: '/accounts/:accountId', element: <p>account page</p> }],
  });
}

const locationSearch = () => screen.getByTestId('location-search').textContent;

describe('AccountsPage', () => {
  it('renders one row per account with formatted value, manager and highlighted overdue count', async () => {
    const rows = [
      account({ name: 'Oak Park HOA', annualValue: 1_250_000, overdueIssueCount: 2 }),
      account({ name: 'Riverside Mall', overdueIssueCount: 0 }),
    ];
    renderAccounts('/accounts', [
      { request: { query: AccountsPageQuery, variables: vars() }, result: page(rows, { totalCount: 40 }) },
    ]);

    const [oak, mall] = await screen.findAllByTestId('account-row');
    expect(within(oak!).getByText('Oak Park HOA')).toBeTruthy();
    expect(within(oak!).getByText('$1,250,000')).toBeTruthy();
    expect(within(oak!).getByText('Dana Whitfield')).toBeTruthy();
    expect(within(oak!).getByLabelText('2 overdue issues')).toBeTruthy();
    expect(within(mall!).queryByLabelText(/overdue issues/)).toBeNull();
    expect(screen.getByText('Showing 2 of 40 accounts')).toBeTruthy();
  });

  it('says there are no accounts yet when the list is empty', async () => {
    renderAccounts('/accounts', [{ request: { query: AccountsPageQuery, variables: vars() }, result: page([]) }]);
    expect(await screen.findByText('No accounts yet')).toBeTruthy();
  });

  it('searches with the term from the URL and says when nothing matches', async () => {
    renderAccounts('/accounts?q=zzz', [
      { request: { query: AccountsPageQuery, variables: vars({ filter: { search: 'zzz' } }) }, result: page([]) },
    ]);
    expect(await screen.findByText('No accounts match “zzz”')).toBeTruthy();
    expect((screen.getByLabelText('Search accounts') as HTMLInputElement).value).toBe('zzz');
  });

  it('shows the GraphQL error message and code, and retries', async () => {
    renderAccounts('/accounts', [
      {
        request: { query: AccountsPageQuery, variables: vars() },
        result: {
          data: null,
          errors: [{ message: 'Only managers may list accounts', extensions: { code: 'FORBIDDEN' } }],
        },
      },
      { request: { query: AccountsPageQuery, variables: vars() }, result: page([account({ name: 'Back online' })]) },
    ]);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/Could not load accounts/)).toBeTruthy();
    expect(within(alert).getByText('Only managers may list accounts')).toBeTruthy();
    expect(within(alert).getByText('FORBIDDEN')).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Back online')).toBeTruthy();
  });

  it('sorts by a column header and keeps the sort in the URL', async () => {
    renderAccounts('/accounts', [
      { request: { query: AccountsPageQuery, variables: vars() }, result: page([account({ name: 'By name' })]) },
      {
        request: { query: AccountsPageQuery, variables: vars({ sort: { field: 'ANNUAL_VALUE', direction: 'DESC' } }) },
        result: page([account({ name: 'Biggest first' })]),
      },
    ]);
    await screen.findByText('By name');

    fireEvent.click(screen.getByRole('button', { name: /Annual value/ }));

    expect(await screen.findByText('Biggest first')).toBeTruthy();
    expect(locationSearch()).toBe('?sort=value&dir=desc');
    expect(screen.getByRole('columnheader', { name: /Annual value/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('puts the search into the URL once typing pauses', async () => {
    renderAccounts('/accounts', [
      { request: { query: AccountsPageQuery, variables: vars() }, result: page([account({ name: 'Everyone' })]) },
      {
        request: { query: AccountsPageQuery, variables: vars({ filter: { search: 'oak' } }) },
        result: page([account({ name: 'Oak Park HOA' })]),
      },
    ]);
    await screen.findByText('Everyone');

    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'oak' } });

    expect(await screen.findByText('Oak Park HOA')).toBeTruthy();
    expect(locationSearch()).toBe('?q=oak');
  });

  it('loads the next page after the last cursor and appends it', async () => {
    const first = account({ name: 'First page' });
    const second = account({ name: 'Second page' });
    renderAccounts('/accounts', [
      {
        request: { query: AccountsPageQuery, variables: vars() },
        result: page([first], { hasNextPage: true, totalCount: 2 }),
      },
      {
        request: { query: AccountsPageQuery, variables: vars({ after: `cursor-${first.id}` }) },
        result: page([second], { totalCount: 2 }),
      },
    ]);
    await screen.findByText('First page');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Second page')).toBeTruthy();
    expect(screen.getByText('First page')).toBeTruthy();
    expect(screen.getByText('Showing 2 of 2 accounts')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());
  });

  it('opens the account when a row is clicked', async () => {
    const row = account({ name: 'Clickable' });
    renderAccounts('/accounts', [{ request: { query: AccountsPageQuery, variables: vars() }, result: page([row]) }]);
    fireEvent.click(await screen.findByText('Dana Whitfield'));
    expect(await screen.findByText('account page')).toBeTruthy();
  });
});

describe('AccountsPage on a phone', () => {
  let undo: () => void;
  beforeEach(() => {
    undo = onPhoneScreen();
  });
  afterEach(() => undo());

  it('stacks each account instead of a table eleven columns wide, and sorts from a list', async () => {
    const oak = account({
      name: 'Oak Park HOA',
      tier: 'A',
      annualValue: 1_250_000,
      propertyCount: 1,
      overdueIssueCount: 2,
      openEnhancementCount: 0,
    });
    renderAccounts('/accounts', [
      { request: { query: AccountsPageQuery, variables: vars() }, result: page([oak]) },
      {
        request: { query: AccountsPageQuery, variables: vars({ sort: { field: 'ANNUAL_VALUE', direction: 'DESC' } }) },
        result: page([account({ name: 'Biggest first' })]),
      },
      {
        request: { query: AccountsPageQuery, variables: vars({ sort: { field: 'ANNUAL_VALUE', direction: 'ASC' } }) },
        result: page([account({ name: 'Smallest first' })]),
      },
    ]);
    const item = await screen.findByTestId('account-row');
    expect(screen.queryByRole('table')).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Accounts' })).getAllByRole('listitem')).toEqual([item]);
    expect(within(item).getByRole('link', { name: 'Oak Park HOA' }).getAttribute('href')).toBe(`/accounts/${oak.id}`);
    expect(within(item).getByText('Office park · Dana Whitfield')).toBeTruthy();
    expect(within(item).getByText('Tier A')).toBeTruthy();
    expect(within(item).getByText('$1,250,000')).toBeTruthy();
    expect(within(item).getByText('1 property · 3 open issues')).toBeTruthy();
    expect(within(item).getByText('2 overdue')).toBeTruthy();
    expect(within(item).getByText('0 open enhancements')).toBeTruthy();
    expect(within(item).getByText('Last walk never')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'ANNUAL_VALUE' } });
    expect(await screen.findByText('Biggest first')).toBeTruthy();
    expect(locationSearch()).toBe('?sort=value&dir=desc');
    fireEvent.click(screen.getByRole('button', { name: 'Descending: reverse the order' }));
    expect(await screen.findByText('Smallest first')).toBeTruthy();
    expect(locationSearch()).toBe('?sort=value&dir=asc');
  });

  it('opens the account when an item is tapped', async () => {
    renderAccounts('/accounts', [
      { request: { query: AccountsPageQuery, variables: vars() }, result: page([account({ name: 'Tappable' })]) },
    ]);
    fireEvent.click(await screen.findByText('Tier B'));
    expect(await screen.findByText('account page')).toBeTruthy();
  });
});

describe('AccountsPage live updates', () => {
  it('reloads every row shown when an event concerns a listed account, and only then', async () => {
    const live = createFakeLiveClient();
    const oak = account({ name: 'Oak Park HOA', openIssueCount: 3 });
    const mall = account({ name: 'Riverside Mall' });
    const reload = vi.fn(() => page([{ ...oak, openIssueCount: 4 }, mall]));
    renderAccounts(
      '/accounts',
      [
        { request: { query: AccountsPageQuery, variables: vars() }, result: page([oak, mall]) },
        { request: { query: AccountsPageQuery, variables: vars() }, result: reload },
      ],
      live.client,
    );
    const [oakRow] = await screen.findAllByTestId('account-row');
    await waitFor(() => expect(live.active()).toHaveLength(1));
    expect(live.active()[0]).toMatchObject({ since: '100', filter: null });

    // Another account's Issue: nothing on this page changes.
    act(() => live.push(fakeIssueEvent('ISSUE_CREATED', 'i9', { status: 'OPEN' }, { accountId: 'elsewhere' })));
    // A listed account's health: the list shows no health, so nothing changes either.
    act(() =>
      live.push({
        ...fakeIssueEvent('ACCOUNT_HEALTH_CHANGED', oak.id, { score: 40 }, { accountId: oak.id }),
        entityType: 'Account',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reload).not.toHaveBeenCalled();

    act(() => live.push(fakeIssueEvent('ISSUE_CREATED', 'i10', { status: 'OPEN' }, { accountId: oak.id })));
    await waitFor(() => expect(within(oakRow!).getAllByRole('cell')[7]!.textContent).toBe('4'));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
