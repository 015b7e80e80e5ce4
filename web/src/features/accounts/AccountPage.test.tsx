import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountIssues_IssuesFragment, AccountPageQuery as AccountPageData } from '../../gql/graphql';
import { addDaysToDate, companyToday, DEFAULT_HEALTH_CONFIG, healthThresholds } from '@groundwork/shared';
import { onPhoneScreen, renderPage, testUser, TEST_COMPANY_TIME_ZONE } from '../../test.render';
import { fakeAccountHealth } from '../health/health.fake';
import { fakeIssue, issueRead } from '../issues/issue.fake';
import { SiteWalkIssuesQuery } from '../records/SiteWalkIssues';
import { createFakeLiveClient, fakeIssueEvent } from '../live/live-client.fake';
import type { LiveClient } from '../live/live.client';
import { AccountIssuesNextPageQuery } from './AccountIssues';
import { AccountPage, AccountPageQuery } from './AccountPage';
import { PlanEnhancementChoicesQuery, RecordPlanReviewMutation, SaveAccountPlanMutation } from './account-plan.graphql';

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
      daysToRenewal: 1500,
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
        version: 3,
        goals: ['Cut irrigation complaints in half'],
        opportunities: ['Drip conversion at the entrance beds'],
        notes: '',
        opportunityEnhancements: [],
        peopleMet: [],
        lastMonthlyReviewDate: daysAgo(50),
        lastQuarterlyUpdateDate: daysAgo(20),
        reviews: [],
      },
      ...overrides,
    },
  };
}

function renderAccount(
  mocks: Parameters<typeof renderPage>[1]['mocks'],
  live: LiveClient | null = null,
  url = '/accounts/a1',
) {
  return renderPage(<AccountPage />, { path: '/accounts/:accountId', url, mocks, live });
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

  it("states the server's thresholds: another health configuration changes the plan cadence and the renewal colour", async () => {
    const read = {
      request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
      result: { data: accountData({ daysToRenewal: 100 }) },
    };
    const built = renderPage(<AccountPage />, { path: '/accounts/:accountId', url: '/accounts/a1', mocks: [read] });
    await screen.findByRole('heading', { name: 'Oak Park HOA' });
    // The built-in configuration: a 20-day-old quarterly update is on track, 100 days is inside the
    // 180-day renewal horizon but outside the 90-day shorter one.
    expect(screen.getByText(/due every 35 days/)).toBeTruthy();
    expect(screen.getByText('Quarterly update').closest('[data-overdue]')!.getAttribute('data-overdue')).toBe('false');
    expect(screen.getByTestId('account-renewal').getAttribute('data-tone')).toBe('orange');
    built.unmount();

    const thresholds = {
      ...healthThresholds(DEFAULT_HEALTH_CONFIG),
      monthlyReviewMaxDays: 60,
      quarterlyUpdateMaxDays: 15,
      renewalShortHorizonDays: 120,
    };
    renderPage(<AccountPage />, { path: '/accounts/:accountId', url: '/accounts/a1', mocks: [read], thresholds });
    await screen.findByRole('heading', { name: 'Oak Park HOA' });
    expect(screen.getByText(/due every 60 days/)).toBeTruthy();
    expect(screen.getByText(/due every 15 days/)).toBeTruthy();
    expect(screen.getByText('Monthly review').closest('[data-overdue]')!.getAttribute('data-overdue')).toBe('false');
    expect(screen.getByText('Quarterly update').closest('[data-overdue]')!.getAttribute('data-overdue')).toBe('true');
    expect(screen.getByTestId('account-renewal').getAttribute('data-tone')).toBe('red');
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

describe('AccountPage on a phone', () => {
  let undo: () => void;
  beforeEach(() => {
    undo = onPhoneScreen();
  });
  afterEach(() => undo());

  const walk = {
    __typename: 'SiteWalk' as const,
    id: 'w1',
    startedAt: '2026-11-02T15:00:00.000Z',
    completedAt: null,
    customerAttended: true,
    relationshipPulse: 4,
    issueCount: 2,
    enhancementCount: 1,
    property: { __typename: 'Property' as const, id: 'p1', name: 'North campus' },
    walkedBy: { __typename: 'User' as const, id: 'u1', name: 'Dana Whitfield' },
  };
  const enhancement = {
    __typename: 'Enhancement' as const,
    id: 'e1',
    title: 'Drip conversion',
    stage: 'ESTIMATING' as const,
    version: 1,
    customerInterest: true,
    budgetConfirmed: false,
    estimatedValue: 18_000,
    proposalValue: null,
    property: { __typename: 'Property' as const, id: 'p1', name: 'North campus' },
    serviceLine: { __typename: 'ServiceLine' as const, id: 'sl1', name: 'Irrigation' },
  };
  const read = {
    request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
    result: {
      data: accountData({
        siteWalks: [walk],
        enhancements: {
          __typename: 'EnhancementConnection',
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'cursor-e1' },
          edges: [{ __typename: 'EnhancementEdge', cursor: 'cursor-e1', node: enhancement }],
        },
      }),
    },
  };

  it('stacks each Issue: title, property, badges, crew and due, overdue tinted, no table to swipe', async () => {
    renderAccount([read, issueRead(fakeIssue({ id: 'i1', title: 'Broken head by gate' }))]);
    const item = await screen.findByTestId('issue-row');
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).queryByRole('table')).toBeNull();
    expect(within(within(panel).getByRole('list', { name: 'Open issues' })).getAllByRole('listitem')).toEqual([item]);
    expect(item.style.background).toBe('var(--mantine-color-red-0)');
    const title = within(item).getByRole('button', { name: 'Broken head by gate' });
    expect(within(item).getByText(/^North campus · reported /)).toBeTruthy();
    expect(within(item).getByText('Urgent')).toBeTruthy();
    expect(within(item).getByText('Assigned')).toBeTruthy();
    expect(within(item).getByText('Overdue')).toBeTruthy();
    expect(within(item).getByText('Irrigation leak')).toBeTruthy();
    expect(within(item).getByText('Irrigation East')).toBeTruthy();
    expect(within(item).getByText(/^Due in /)).toBeTruthy();
    // The footer stays.
    expect(within(panel).getByText('Showing 1 of 2 open issues')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Load more' })).toBeTruthy();

    fireEvent.click(title);
    expect((await screen.findByTestId('record-issue')).getAttribute('data-record-id')).toBe('i1');
  });

  it('stacks enhancements, site walks and the service schedule too, and lines the contract value up on the left', async () => {
    renderAccount([read]);
    await screen.findByTestId('issue-row');
    expect(screen.getByTestId('account-value').style.getPropertyValue('--stack-align')).toBe('flex-start');
    const schedules = screen.getByRole('list', { name: 'Service schedule — North campus' });
    const [first] = within(schedules).getAllByRole('listitem');
    expect(first!.textContent).toMatch(/^IrrigationIrrigation EastEvery other Tuesday · next Jan 7, 2031 \(.+\)$/);

    fireEvent.click(screen.getByRole('tab', { name: /^Open enhancements/ }));
    const enhancementItem = await screen.findByTestId('enhancement-row');
    expect(within(screen.getByRole('tabpanel')).queryByRole('table')).toBeNull();
    expect(within(enhancementItem).getByRole('button', { name: 'Drip conversion' })).toBeTruthy();
    expect(within(enhancementItem).getByText('North campus · Irrigation')).toBeTruthy();
    expect(within(enhancementItem).getByText('Estimating')).toBeTruthy();
    expect(within(enhancementItem).getByText('Estimated $18,000 · Proposal —')).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Site walks' }));
    const walkItem = await screen.findByTestId('site-walk-row');
    expect(within(screen.getByRole('tabpanel')).queryByRole('table')).toBeNull();
    expect(within(walkItem).getByRole('button', { name: 'Nov 2, 2026' })).toBeTruthy();
    expect(within(walkItem).getByText('North campus · walked by Dana Whitfield')).toBeTruthy();
    expect(within(walkItem).getByText('In progress')).toBeTruthy();
    expect(within(walkItem).getByLabelText('Pulse 4 of 5')).toBeTruthy();
    expect(within(walkItem).getByText('Customer attended')).toBeTruthy();
    expect(within(walkItem).getByText('2 issues')).toBeTruthy();
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
    // The server's count, in the same words as the header's renewal.
    expect(within(outlook).getByTestId('renewal-days').textContent).toBe('in 99 days');
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
    fireEvent.click(within(costliest).getByRole('button', { name: /^Geyser at the gate · / }));
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

  it('opens the Issue a link names (from the records behind a KPI), and forgets it once closed', async () => {
    const id = '0b3c5a2e-4f6d-4e1a-9b7c-2d8e6f4a1c3b';
    renderAccount([read, issueRead(fakeIssue({ id, title: 'Broken head by gate' }))], null, `/accounts/a1?issue=${id}`);
    const drawer = await screen.findByTestId('record-issue');
    expect(drawer.getAttribute('data-record-id')).toBe(id);
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Issue' })).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByTestId('location-search').textContent).toBe(''));
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
    fireEvent.click(within(costliest).getByRole('button', { name: /^Site walk · / }));
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

describe('AccountPage: the account plan', () => {
  const read = (data = accountData()) => ({
    request: { query: AccountPageQuery, variables: { id: 'a1', withHealth: true } },
    result: { data },
  });
  const am = testUser({ id: 'u1', role: 'ACCOUNT_MANAGER', name: 'Dana Whitfield' });

  it(
    'records a quarterly update: the three coaching questions are asked before anything is sent, then the page reloads',
    { timeout: 30_000 },
    async () => {
      const today = companyToday(new Date(), TEST_COMPANY_TIME_ZONE);
      let sent: Record<string, unknown> | null = null;
      renderPage(<AccountPage />, {
        path: '/accounts/:accountId',
        url: '/accounts/a1',
        user: am,
        mocks: [
          read(),
          {
            request: {
              query: RecordPlanReviewMutation,
              variables: (v: { input: Record<string, unknown> }) => {
                sent = v.input;
                return true;
              },
            },
            result: {
              data: {
                recordPlanReview: { __typename: 'PlanReview', id: 'r9', kind: 'QUARTERLY_UPDATE', date: today },
              },
            },
          },
          read(),
        ],
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Record review' }));
      const dialog = await screen.findByRole('dialog', { name: 'Record a plan review' });
      // The monthly review is overdue in the fixture, the quarterly update is not: the card suggests the monthly.
      expect(within(dialog).getByRole('radio', { name: 'Monthly review' })).toHaveProperty('checked', true);
      fireEvent.click(within(dialog).getByText('Quarterly update'));
      fireEvent.change(within(dialog).getByLabelText(/What changed/), { target: { value: 'New board chair.' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Record quarterly update' }));
      expect(await within(dialog).findAllByText('is required')).toHaveLength(3);
      expect(sent).toBeNull();

      fireEvent.change(within(dialog).getByLabelText(/customer’s goals/), { target: { value: 'Board minutes.' } });
      fireEvent.change(within(dialog).getByLabelText(/Whom have you met/), { target: { value: 'The chair.' } });
      fireEvent.change(within(dialog).getByLabelText(/Which 2–3 opportunities/), { target: { value: 'Drip.' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Record quarterly update' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(sent).toEqual({
        clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        planId: 'plan1',
        kind: 'QUARTERLY_UPDATE',
        date: today,
        notes: 'New board chair.',
        goalsEvidence: 'Board minutes.',
        peopleMet: 'The chair.',
        nextOpportunities: 'Drip.',
      });
      expect(await screen.findByText('Quarterly update recorded')).toBeTruthy();
    },
  );

  it('shows the server’s words when someone else saved the plan first', { timeout: 30_000 }, async () => {
    renderPage(<AccountPage />, {
      path: '/accounts/:accountId',
      url: '/accounts/a1',
      user: am,
      mocks: [
        read(),
        {
          request: { query: PlanEnhancementChoicesQuery, variables: { accountId: 'a1' } },
          result: {
            data: {
              account: {
                __typename: 'Account',
                id: 'a1',
                enhancements: { __typename: 'EnhancementConnection', edges: [] },
              },
            },
          },
        },
        {
          request: { query: SaveAccountPlanMutation, variables: () => true },
          result: {
            errors: [
              {
                message: 'AccountPlan was changed by someone else (now version 4); reload and try again',
                extensions: { code: 'VERSION_CONFLICT' },
              },
            ],
          },
        },
        read(),
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the 2026 account plan' });
    expect((within(dialog).getByLabelText(/customer's goals/) as HTMLTextAreaElement).value).toBe(
      'Cut irrigation complaints in half',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'AccountPlan was changed by someone else (now version 4); reload and try again',
    );
  });

  it('offers no editing to an account manager of another account', async () => {
    renderPage(<AccountPage />, {
      path: '/accounts/:accountId',
      url: '/accounts/a1',
      user: testUser({ id: 'u9', role: 'ACCOUNT_MANAGER' }),
      mocks: [read()],
    });
    await screen.findByRole('heading', { name: 'Account plan 2026' });
    expect(screen.queryByRole('button', { name: 'Edit plan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record review' })).toBeNull();
  });
});
