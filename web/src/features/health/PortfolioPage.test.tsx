import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, testUser } from '../../test.render';
import { createFakeLiveClient, fakeIssueEvent } from '../live/live-client.fake';
import type { LiveClient } from '../live/live.client';
import { fakeHistory, fakePortfolio, fakeRow } from './health.fake';
import { PORTFOLIO_LIVE_FILTER } from './health.live';
import { PortfolioPage, PortfolioPageQuery } from './PortfolioPage';

// Largest first, as the server lists key accounts; value × health ranks them 2 (Harbor), 1 (Oak), 3 (Pine).
const oak = fakeRow('a1', 'Oak Park HOA', 500_000, {
  score: 30,
  band: 'AT_RISK',
  scoreBand: 'AT_RISK',
  trend30d: -14,
  history: fakeHistory([60, 45, 30]),
  renewal: {
    __typename: 'RenewalOutlook',
    renewalDate: '2027-02-01',
    daysToRenewal: 71,
    risk: 'HIGH',
    revenueAtRisk: 500_000,
    reasons: ['Health: At risk', 'Score fell 14 points in 30 days', 'No site walk in 30 days'],
  },
});
const harbor = fakeRow('a2', 'Harbor Office Park', 300_000, { score: 90 });
const pine = fakeRow('a3', 'Pine Retail Center', 80_000, {
  score: 60,
  band: 'WATCH',
  scoreBand: 'WATCH',
  renewal: {
    __typename: 'RenewalOutlook',
    renewalDate: '2027-01-10',
    daysToRenewal: 49,
    risk: 'MEDIUM',
    revenueAtRisk: 0,
    reasons: ['Band Watch'],
  },
});

const whole = fakePortfolio({ keyAccounts: [oak, harbor, pine], renewals: [oak, pine] });
const firstRead = { request: { query: PortfolioPageQuery, variables: { filter: null } }, result: { data: whole } };

function renderPortfolio(
  mocks: Parameters<typeof renderPage>[1]['mocks'],
  {
    url = '/portfolio',
    live = null,
    user = testUser({ role: 'EXECUTIVE' }),
  }: { url?: string; live?: LiveClient | null; user?: ReturnType<typeof testUser> } = {},
) {
  return renderPage(<PortfolioPage />, { path: '/portfolio', url, mocks, live, user });
}

const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('link')[0]!.textContent);

describe('PortfolioPage', () => {
  it('shows the totals, revenue at risk with MEDIUM beside it, and the accounts by band', async () => {
    renderPortfolio([firstRead]);
    const total = await screen.findByTestId('stat-total');
    expect(total.textContent).toContain('$1M');
    expect(total.textContent).toContain('$1,000,000 across 3 accounts');
    expect(screen.getByTestId('stat-health').textContent).toContain('72');
    expect(screen.getByTestId('stat-risk').textContent).toContain('$500K');
    expect(screen.getByTestId('stat-medium').textContent).toContain('$120K at MEDIUM (1)');
    expect(within(screen.getByTestId('stat-bands')).getByText('Healthy').parentElement!.textContent).toBe('Healthy 1');
  });

  it('ranks key accounts largest first (value × health a sort away) and renewals HIGH first with their reasons', async () => {
    renderPortfolio([firstRead]);
    const key = await screen.findByRole('table', { name: 'Key accounts' });
    // The largest, sickest account first, its health beside it.
    expect(rowNames(key)).toEqual(['Oak Park HOA', 'Harbor Office Park', 'Pine Retail Center']);
    expect(screen.getByText(/ranked by annual value, health beside each/)).toBeTruthy();
    // 500k × 30 / 100
    expect(within(key).getByText('$150,000')).toBeTruthy();
    fireEvent.click(within(key).getByRole('button', { name: 'Value × health' }));
    expect(rowNames(key)).toEqual(['Harbor Office Park', 'Oak Park HOA', 'Pine Retail Center']);
    expect(screen.getByTestId('location-search').textContent).toBe('?ksort=weighted&kdir=desc');
    const renewals = screen.getByRole('table', { name: 'Renewals' });
    expect(rowNames(renewals)).toEqual(['Oak Park HOA', 'Pine Retail Center']);
    const oakRow = within(renewals).getAllByRole('row')[1]!;
    expect(within(oakRow).getByText('High')).toBeTruthy();
    expect(within(oakRow).getByText('Health: At risk')).toBeTruthy();
    // The third reason is in the page, one tap away (no hover on a phone).
    expect(within(oakRow).queryByText('No site walk in 30 days')).toBeNull();
    fireEvent.click(within(oakRow).getByRole('button', { name: '1 more reason' }));
    expect(
      within(oakRow)
        .getAllByTestId('renewal-reason')
        .map((li) => li.textContent),
    ).toEqual(['Health: At risk', 'Score fell 14 points in 30 days', 'No site walk in 30 days']);
    expect(within(oakRow).getByText('−14')).toBeTruthy();
    expect(within(oakRow).getByLabelText('Health over 90 days: 60 to 30')).toBeTruthy();
  });

  it('sorts a table by a column and keeps the sort in the URL', async () => {
    renderPortfolio([firstRead]);
    const key = await screen.findByRole('table', { name: 'Key accounts' });
    fireEvent.click(within(key).getByRole('button', { name: 'Health' }));
    expect(rowNames(key)).toEqual(['Harbor Office Park', 'Pine Retail Center', 'Oak Park HOA']);
    expect(screen.getByTestId('location-search').textContent).toBe('?ksort=score&kdir=desc');
    fireEvent.click(within(key).getByRole('button', { name: 'Health' }));
    expect(rowNames(key)).toEqual(['Oak Park HOA', 'Pine Retail Center', 'Harbor Office Park']);
  });

  it('filters by band through the server and restores the filter from the URL', async () => {
    const atRisk = fakePortfolio({ accountCount: 1, totalAnnualValue: 500_000, keyAccounts: [oak], renewals: [oak] });
    renderPortfolio([
      firstRead,
      {
        request: { query: PortfolioPageQuery, variables: { filter: { bands: ['AT_RISK'] } } },
        result: { data: atRisk },
      },
    ]);
    await screen.findByRole('table', { name: 'Key accounts' });
    fireEvent.click(within(screen.getByRole('group', { name: 'Band' })).getByLabelText('At risk'));
    await waitFor(() => expect(screen.getByTestId('stat-total').textContent).toContain('across 1 account'));
    expect(screen.getByTestId('location-search').textContent).toBe('?band=at-risk');
    expect(rowNames(screen.getByRole('table', { name: 'Key accounts' }))).toEqual(['Oak Park HOA']);
  });

  it('says when the filters match nothing, and clears them', async () => {
    const none = fakePortfolio({ accountCount: 0, totalAnnualValue: 0, revenueWeightedHealth: null });
    renderPortfolio(
      [
        { request: { query: PortfolioPageQuery, variables: { filter: { risks: ['HIGH'] } } }, result: { data: none } },
        firstRead,
      ],
      { url: '/portfolio?risk=high' },
    );
    expect(await screen.findByText('No accounts match these filters')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /Clear filters/ })[0]!);
    await screen.findByRole('table', { name: 'Key accounts' });
    expect(screen.getByTestId('location-search').textContent).toBe('');
  });

  it('shows the error with a retry', async () => {
    renderPortfolio([
      { request: { query: PortfolioPageQuery, variables: { filter: null } }, error: new Error('boom') },
    ]);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the portfolio');
  });

  it('calls an account manager’s portfolio their book', async () => {
    renderPortfolio([firstRead], { user: testUser({ role: 'ACCOUNT_MANAGER' }) });
    expect(await screen.findByRole('heading', { name: 'My book' })).toBeTruthy();
  });

  it('goes live from the portfolio’s cursor and reloads when an account’s health changes', async () => {
    const live = createFakeLiveClient();
    const healed = fakeRow('a1', 'Oak Park HOA', 500_000, { score: 85, trend30d: 3 });
    const after = fakePortfolio({
      revenueAtRisk: 0,
      keyAccounts: [healed, harbor, pine],
      renewals: [pine],
      riskCounts: { __typename: 'RenewalRiskCounts', high: 0, medium: 1, low: 2 },
    });
    renderPortfolio(
      [firstRead, { request: { query: PortfolioPageQuery, variables: { filter: null } }, result: { data: after } }],
      { live: live.client },
    );
    await screen.findByRole('table', { name: 'Key accounts' });
    await waitFor(() => expect(live.active()).toHaveLength(1));
    expect(live.active()[0]).toMatchObject({ since: '200', filter: PORTFOLIO_LIVE_FILTER });

    act(() =>
      live.push({
        ...fakeIssueEvent('ACCOUNT_HEALTH_CHANGED', 'a1', { score: 85, band: 'HEALTHY' }),
        entityType: 'Account',
      }),
    );

    await waitFor(() =>
      expect(rowNames(screen.getByRole('table', { name: 'Renewals' }))).toEqual(['Pine Retail Center']),
    );
    expect(screen.getByTestId('stat-risk').textContent).toContain('$0');
    expect(rowNames(screen.getByRole('table', { name: 'Key accounts' }))).toEqual([
      'Oak Park HOA',
      'Harbor Office Park',
      'Pine Retail Center',
    ]);
  });
});
