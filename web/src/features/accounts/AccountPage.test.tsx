import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountIssues_IssuesFragment, AccountPageQuery as AccountPageData } from '../../gql/graphql';
import { addDaysToDate, companyToday } from '@groundwork/shared';
import { renderPage, testUser, TEST_COMPANY_TIME_ZONE } from '../../test.render';
import { fakeAccountHealth } from '../health/health.fake';
import { fakeIssue, issueRead } from '../issues/issue.fake';
import { SiteWalkIssuesQuery } from '../records/SiteWalkIssues';
import { createFakeLiveClient, fakeIssueEvent } from '../live/live-client.fake';
import type { LiveClient } from '../live/live.client';
import { AccountIssuesNextPageQuery } from './AccountIssues';
import { AccountPage, AccountPageQuery } from './AccountPage';

type Issue = AccountIssues_IssuesFragment['edges'][number]['node'];

function issue(id: string, overrides: Partial<Issue> = {}): Issue {
  return {
    __typename: 'Issue',
    id,
    title: `Issue ${id}`,
    category: 'IRRIGATION_LEAK',
    urgency: 'ROUTINE',
    status: 'ASSIGNED',
    overdue: false,
    version: 1,
    dueAt: '2031-01-01T15:00:00.000Z',
    createdAt: '2030-12-20T15:00:00.000Z',
    property: { __typename: 'Property', id: 'p1', name: 'North campus' },
    crew: { __typename: 'Crew', id: 'c1', name: 'Irrigation East', color: '#1c7ed6' },
    ...overrides,
  };
}

function issuePage(nodes: Issue[], hasNextPage: boolean, totalCount: number): AccountIssues_IssuesFragment {
  return {
    __typename: 'IssueConnection',
    totalCount,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `cursor-${nodes.at(-1)?.id}` },
    edges: nodes.map((node) => ({ __typename: 'IssueEdge', cursor: `cursor-${node.id}`, node })),
  };
}

const daysAgo = (days: number) => addDaysToDate(companyToday(new Date(), TEST_COMPANY_TIME_ZONE), -days);

function accountData(overrides: Partial<NonNullable<AccountPageData['account']>> = {}): AccountPageData {
  return {
    eventCursor: '100',
    account: {
      __typename: 'Account',
      id: 'a1',
      name: 'Oak Park HOA',
      segment: 'HOA',
      tier: 'A',
      annualValue: 480_000,
      contractStart: '2024-04-01',
      renewalDate: '2031-03-31',
      propertyCount: 1,
      openIssueCount: 1,
      overdueIssueCount: 1,
      openEnhancementCount: 0,
      lastSiteWalkAt: null,
      accountManager: { __typename: 'User', id: 'u1', name: 'Dana Whitfield', email: 'dana@example.com' },
      contacts: [
        {
          __typename: 'Contact',
          id: 'k2',
          name: 'Sam Ortiz',
          title: 'Treasurer',
          email: null,
          phone: null,
          isPrimary: false,
        },
        {
          __typename: 'Contact',
          id: 'k1',
          name: 'Lee Park',
          title: 'Board president',
          email: 'lee@oak.example',
          phone: '+1 512 555 0100',
          isPrimary: true,
        },
      ],
      properties: [
        {
          __typename: 'Property',
          id: 'p1',
          name: 'North campus',
          address: '100 Oak Park Dr, Austin, TX',
          areaSqm: 20_234,
          boundary: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [-97.75, 30.25],
                  [-97.74, 30.25],
                  [-97.74, 30.26],
                  [-97.75, 30.25],
                ],
              ],
            ],
          },
          centroid: { __typename: 'LngLat', lng: -97.745, lat: 30.255 },
          openIssueCount: 1,
          openEnhancementCount: 0,
          schedules: [
            {
              __typename: 'ServiceSchedule',
              id: 's1',
              weekday: 2,
              cadence: 'BIWEEKLY',
              anchorDate: '2030-12-24',
              nextVisitDate: '2031-01-07',
              serviceLine: { __typename: 'ServiceLine', id: 'sl1', name: 'Irrigation' },
              crew: { __typename: 'Crew', id: 'c1', name: 'Irrigation East', color: '#1c7ed6' },
            },
            {
              __typename: 'ServiceSchedule',
              id: 's2',
              weekday: 4,
              cadence: 'MONTHLY',
              anchorDate: '2030-12-26',
              nextVisitDate: '2031-01-23',
              serviceLine: { __typename: 'ServiceLine', id: 'sl2', name: 'Tree care' },
              crew: { __typename: 'Crew', id: 'c2', name: 'Tree crew', color: '#2f9e44' },
            },
          ],
        },
      ],
      issues: issuePage([issue('i1', { title: 'Broken head by gate', overdue: true, urgency: 'URGENT' })], true, 2),
      toVerify: issuePage([], false, 0),
      enhancements: {
        __typename: 'EnhancementConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: [],
      },
      siteWalks: [],
      health: null,
      plan: {
        __typename: 'AccountPlan',
        id: 'plan1',
        year: 2026,
        goals: ['Cut irrigation complaints in half'],
        opportunities: ['Drip conversion at the entrance beds'],
        lastMonthlyReviewDate: daysAgo(50),
        lastQuarterlyUpdateDate: daysAgo(20),
        reviews: [],
      },
      ...overrides,
    },
  };
}

function renderAccount(mocks: Parameters<typeof renderPage>[1]['mocks'], live: LiveClient | null = null) {
  return renderPage(<AccountPage />, { path: '/accounts/:accountId', url: '/accounts/a1', mocks, live });
}

describe('AccountPage', () => {
  it('shows the header, the primary contact first, the schedule of the first property and a map fallback without WebGL', async () => {
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: { data: accountData() },
      },
    ]);

    expect(await screen.findByRole('heading', { name: 'Oak Park HOA' })).toBeTruthy();
    expect(screen.getByText('$480,000')).toBeTruthy();
    const contacts = screen.getAllByText(/^(Lee Park|Sam Ortiz)$/).map((el) => el.textContent);
    expect(contacts).toEqual(['Lee Park', 'Sam Ortiz']);
    // The schedule in words, by the shared rule: the monthly one names its ordinal weekday.
    expect(screen.getByText('Every other Tuesday')).toBeTruthy();
    expect(screen.getByText('4th Thursday of each month')).toBeTruthy();
    expect(screen.getByText(/cannot draw the map/)).toBeTruthy();
  });

  it('marks overdue issues and an overdue monthly review', async () => {
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: { data: accountData() },
      },
    ]);

    const title = await screen.findByText('Broken head by gate');
    const row = title.closest('tr')!;
    expect(within(row).getByText('Overdue')).toBeTruthy();
    expect(within(row).getByText('Urgent')).toBeTruthy();
    expect(within(row).getByText('Irrigation leak')).toBeTruthy();

    const monthly = screen.getByText('Monthly review').closest('[data-overdue]')!;
    expect(monthly.getAttribute('data-overdue')).toBe('true');
    const quarterly = screen.getByText('Quarterly update').closest('[data-overdue]')!;
    expect(quarterly.getAttribute('data-overdue')).toBe('false');
  });

  it('lists resolved Issues waiting for verification in their own tab, each opening the Issue drawer', async () => {
    const resolved = issue('i5', { title: 'Dead shrub by the sign', status: 'RESOLVED' });
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: { data: accountData({ toVerify: issuePage([resolved], false, 1) }) },
      },
      issueRead(fakeIssue({ id: 'i5', title: 'Dead shrub by the sign' })),
    ]);
    const tab = await screen.findByRole('tab', { name: /^To verify/ });
    expect(tab.textContent).toBe('To verify1');
    fireEvent.click(tab);
    const panel = await screen.findByRole('tabpanel');
    expect(within(panel).getAllByTestId('issue-row')).toHaveLength(1);
    fireEvent.click(within(panel).getByRole('button', { name: 'Dead shrub by the sign' }));
    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe('i5');
    expect(within(drawer).getByRole('button', { name: 'Verify' })).toBeTruthy();
  });

  it('loads the next page of issues into the same list', async () => {
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: { data: accountData() },
      },
      {
        request: {
          query: AccountIssuesNextPageQuery,
          variables: { accountId: 'a1', filter: { openOnly: true }, after: 'cursor-i1' },
        },
        result: {
          data: {
            account: {
              __typename: 'Account',
              id: 'a1',
              issues: issuePage([issue('i2', { title: 'Weeds in bed 4' })], false, 2),
            },
          },
        },
      },
    ]);
    await screen.findByText('Broken head by gate');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Weeds in bed 4')).toBeTruthy();
    expect(screen.getByText('Broken head by gate')).toBeTruthy();
    expect(screen.getByText('Showing 2 of 2 open issues')).toBeTruthy();
  });

  it('says so when the account does not exist or is not visible', async () => {
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: { data: { eventCursor: '100', account: null } },
      },
    ]);
    expect(await screen.findByText('Account not found')).toBeTruthy();
  });
});

describe('AccountPage live updates', () => {
  const firstRead = {
    request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
    result: { data: accountData() },
  };

  it('goes live from the cursor its data was read at, for this account only', async () => {
    const live = createFakeLiveClient();
    renderAccount([firstRead], live.client);
    await screen.findByText('Broken head by gate');
    await waitFor(() => expect(live.active()).toHaveLength(1));
    expect(live.active()[0]).toMatchObject({ since: '100', filter: { accountIds: ['a1'] } });
  });

  it('shows a status change from its event, without asking the server', async () => {
    const live = createFakeLiveClient();
    renderAccount([firstRead], live.client);
    const row = (await screen.findByText('Broken head by gate')).closest('tr')!;
    await waitFor(() => expect(live.active()).toHaveLength(1));

    act(() => live.push(fakeIssueEvent('ISSUE_STATUS_CHANGED', 'i1', { status: 'IN_PROGRESS', urgency: 'URGENT' })));

    expect(await within(row).findByText('In progress')).toBeTruthy();
  });

  it('reloads when an event adds a row, and shows it', async () => {
    const live = createFakeLiveClient();
    const withNewIssue = accountData({
      openIssueCount: 2,
      issues: issuePage(
        [issue('i1', { title: 'Broken head by gate' }), issue('i3', { title: 'Fallen branch on path' })],
        false,
        2,
      ),
    });
    renderAccount(
      [
        firstRead,
        {
          request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
          result: { data: withNewIssue },
        },
      ],
      live.client,
    );
    await screen.findByText('Broken head by gate');
    await waitFor(() => expect(live.active()).toHaveLength(1));

    act(() => live.push(fakeIssueEvent('ISSUE_CREATED', 'i3', { status: 'OPEN', crewId: null, version: 1 })));

    expect(await screen.findByText('Fallen branch on path')).toBeTruthy();
    expect(screen.getByText('Showing 2 of 2 open issues')).toBeTruthy();
  });

  it('keeps a change that arrives while a reload is on its way, though the reload read before it', async () => {
    const live = createFakeLiveClient();
    // The reload's answer: the new Issue, and i1 as it was before it was started.
    const reloaded = accountData({
      issues: issuePage(
        [issue('i1', { title: 'Broken head by gate' }), issue('i3', { title: 'Fallen branch on path' })],
        false,
        2,
      ),
    });
    renderAccount(
      [
        firstRead,
        {
          request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
          result: { data: reloaded },
          delay: 400,
        },
      ],
      live.client,
    );
    const row = (await screen.findByText('Broken head by gate')).closest('tr')!;
    await waitFor(() => expect(live.active()).toHaveLength(1));

    act(() => live.push(fakeIssueEvent('ISSUE_CREATED', 'i3', { status: 'OPEN', crewId: null, version: 1 })));
    // The reload leaves after 300 ms and takes 400 ms; the start arrives meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 450));
    act(() => live.push(fakeIssueEvent('ISSUE_STATUS_CHANGED', 'i1', { status: 'IN_PROGRESS', version: 2 })));
    expect(await within(row).findByText('In progress')).toBeTruthy();

    expect(await screen.findByText('Fallen branch on path')).toBeTruthy();
    await waitFor(() =>
      expect(within(screen.getByText('Broken head by gate').closest('tr')!).queryByText('In progress')).toBeTruthy(),
    );
    // And it stays so.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(within(screen.getByText('Broken head by gate').closest('tr')!).getByText('In progress')).toBeTruthy();
  });
});

describe('AccountPage health panel', () => {
  const walk = {
    __typename: 'SiteWalk' as const,
    id: 'w1',
    startedAt: '2026-11-02T15:00:00.000Z',
    completedAt: '2026-11-02T16:00:00.000Z',
    customerAttended: true,
    relationshipPulse: 2,
    issueCount: 1,
    enhancementCount: 0,
    property: { __typename: 'Property' as const, id: 'p1', name: 'North campus' },
    walkedBy: { __typename: 'User' as const, id: 'u1', name: 'Dana Whitfield' },
  };
  const withHealth = accountData({ health: fakeAccountHealth(), siteWalks: [walk] });
  const read = {
    request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
    result: { data: withHealth },
  };

  it('explains the score: band capped by a flag, points per category, what costs most, the renewal outlook', async () => {
    renderAccount([read]);
    const panel = await screen.findByTestId('health-panel');
    expect(within(panel).getByTestId('health-score').textContent).toBe('82');
    expect(within(panel).getByLabelText('Health 82, At risk')).toBeTruthy();
    expect(within(panel).getByTestId('health-flag').textContent).toContain('the score alone says Healthy');
    const backlog = panel.querySelector('[data-factor="backlog"]')!;
    expect(backlog.textContent).toContain('10 earned · 10 missed');
    expect(panel.querySelector('[data-factor="growth"]')!.textContent).toContain('No data — left out');
    const costliest = within(panel).getByTestId('costliest-metrics');
    expect(within(costliest).getByText('−6.7 pts')).toBeTruthy();
    const outlook = within(panel).getByTestId('renewal-outlook');
    expect(outlook.textContent).toContain('99 days left');
    expect(outlook.textContent).toContain('$480,000');
    expect(within(outlook).getByText('High')).toBeTruthy();
  });

  it('opens the Issue behind a metric in the Issue drawer', async () => {
    renderAccount([
      read,
      issueRead(
        fakeIssue({
          id: 'i9',
          title: 'Geyser at the gate',
          description: 'Main line break by the north gate',
          status: 'ASSIGNED',
          source: 'CUSTOMER',
          overdue: true,
          allowedStatuses: ['IN_PROGRESS'],
          photos: [],
        }),
      ),
    ]);
    const costliest = await screen.findByTestId('costliest-metrics');
    fireEvent.click(within(costliest).getByRole('button', { name: 'Geyser at the gate' }));
    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe('i9');
    expect(within(drawer).getByText('Main line break by the north gate')).toBeTruthy();
    expect(within(drawer).getByText('Raised by the customer')).toBeTruthy();
    // The account is on screen already: the drawer names only the property.
    expect(within(drawer).getByText('Where').nextElementSibling!.textContent).toBe('North campus');
  });

  it('opens an Issue row in the Issue drawer', async () => {
    renderAccount([read, issueRead(fakeIssue({ id: 'i1', title: 'Broken head by gate' }))]);
    fireEvent.click(await screen.findByRole('button', { name: 'Broken head by gate' }));
    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe('i1');
    expect(within(drawer).getByTestId('issue-status').textContent).toBe('Resolved');
  });

  it('opens a site walk row as the Issues it found, each opening in the drawer with a way back', async () => {
    renderAccount([
      read,
      {
        request: { query: SiteWalkIssuesQuery, variables: { walkId: 'w1', first: 50 } },
        result: {
          data: {
            issues: {
              __typename: 'IssueConnection',
              totalCount: 1,
              edges: [
                {
                  __typename: 'IssueEdge',
                  node: {
                    __typename: 'Issue',
                    id: 'i7',
                    title: 'Cracked curb at the entry',
                    status: 'OPEN',
                    category: 'HARDSCAPE',
                    version: 1,
                    property: { __typename: 'Property', id: 'p1', name: 'North campus' },
                  },
                },
              ],
            },
          },
        },
      },
      issueRead(fakeIssue({ id: 'i7', title: 'Cracked curb at the entry', status: 'OPEN', allowedStatuses: [] })),
    ]);
    fireEvent.click(await screen.findByRole('tab', { name: 'Site walks' }));
    fireEvent.click(within(await screen.findByTestId('site-walk-row')).getByRole('button'));
    const walkDrawer = await screen.findByTestId('record-site-walk');
    expect(within(walkDrawer).getByText('North campus · Nov 2, 2026')).toBeTruthy();
    expect(within(walkDrawer).getByText('Issues found on this walk (1)')).toBeTruthy();
    fireEvent.click(within(walkDrawer).getByRole('button', { name: 'Cracked curb at the entry' }));
    const issueDrawer = await screen.findByTestId('record-issue');
    expect(issueDrawer.getAttribute('data-record-id')).toBe('i7');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByTestId('record-site-walk')).toBeTruthy();
    expect(screen.queryByTestId('record-issue')).toBeNull();
  });

  it('opens a site walk behind a metric in the walks list, marked', async () => {
    renderAccount([read]);
    const costliest = await screen.findByTestId('costliest-metrics');
    fireEvent.click(within(costliest).getByRole('button', { name: 'Site walk' }));
    const row = await screen.findByTestId('site-walk-row');
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Site walks' }).getAttribute('aria-selected')).toBe('true');
  });

  it('reloads the panel when the account’s health changes', async () => {
    const live = createFakeLiveClient();
    const healed = accountData({
      health: fakeAccountHealth({ score: 95, band: 'HEALTHY', flags: [], trend30d: 1 }),
      siteWalks: [walk],
    });
    renderAccount(
      [
        read,
        { request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } }, result: { data: healed } },
      ],
      live.client,
    );
    const panel = await screen.findByTestId('health-panel');
    await waitFor(() => expect(live.active()).toHaveLength(1));

    act(() =>
      live.push({
        ...fakeIssueEvent('ACCOUNT_HEALTH_CHANGED', 'a1', { score: 95, band: 'HEALTHY' }),
        entityType: 'Account',
      }),
    );

    await waitFor(() => expect(within(panel).getByTestId('health-score').textContent).toBe('95'));
    expect(within(panel).queryByTestId('health-flag')).toBeNull();
    expect(within(panel).getByLabelText('Health 95, Healthy')).toBeTruthy();
  });

  it('does not ask for health for a crew lead', async () => {
    const crewLead = testUser({ role: 'CREW_LEAD', crew: { __typename: 'Crew', id: 'c1', name: 'Irrigation East' } });
    renderPage(<AccountPage />, {
      path: '/accounts/:accountId',
      url: '/accounts/a1',
      user: crewLead,
      mocks: [
        {
          request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: false } },
          result: { data: accountData() },
        },
      ],
    });
    await screen.findByText('Broken head by gate');
    expect(screen.queryByTestId('health-panel')).toBeNull();
  });
});

describe('AccountPage for an address that leads nowhere', () => {
  it.each([
    [
      'a malformed id',
      '/accounts/does-not-exist',
      'does-not-exist',
      { code: 'BAD_USER_INPUT', field: 'id' },
      'id: not a valid id',
    ],
    ['an unknown id', '/accounts/a9', 'a9', { code: 'NOT_FOUND', field: 'id' }, 'id: Account a9 not found'],
    ['another manager’s account', '/accounts/a2', 'a2', { code: 'FORBIDDEN' }, 'This account is not yours'],
  ])('shows a not-found page, not an error to retry, for %s', async (_name, url, id, extensions, message) => {
    renderPage(<AccountPage />, {
      path: '/accounts/:accountId',
      url,
      mocks: [
        {
          request: { query: AccountPageQuery, variables: { id, withHealth: true } },
          result: { data: null, errors: [{ message, path: ['account'], extensions }] },
        },
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Account not found' })).toBeTruthy();
    expect(screen.getByText(url)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /retry/i })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('still offers a retry when loading fails for another reason', async () => {
    renderAccount([
      {
        request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
        result: {
          data: null,
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        },
      },
    ]);
    expect(await screen.findByRole('button', { name: /retry/i })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Account not found' })).toBeNull();
  });
});
