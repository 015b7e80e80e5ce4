import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CustomerReportPageQuery as PageData } from '../../gql/graphql';
import { renderPage, testUser } from '../../test.render';
import { CustomerReportPage, CustomerReportPageQuery } from './CustomerReportPage';
import { fakeCustomerReport } from './report.fake';

function withTypenames(): PageData {
  const report = fakeCustomerReport();
  return {
    account: {
      __typename: 'Account',
      id: 'a1',
      name: 'Cherry Creek Office Park',
      properties: [
        { __typename: 'Property', id: 'p1', name: 'North Campus' },
        { __typename: 'Property', id: 'p2', name: 'South Campus' },
      ],
    },
    customerReport: {
      __typename: 'CustomerReport',
      ...report,
      foundByCategory: report.foundByCategory.map((c) => ({ __typename: 'ReportCategoryCount', ...c })),
      stillOpen: report.stillOpen.map((i) => ({ __typename: 'ReportIssue', ...i })),
      proofPairs: report.proofPairs.map((p) => ({
        __typename: 'ReportProofPair',
        ...p,
        issue: { __typename: 'ReportIssue', ...p.issue },
      })),
      enhancementsApproved: report.enhancementsApproved.map((e) => ({ __typename: 'ReportEnhancement', ...e })),
      enhancementsAwaitingDecision: report.enhancementsAwaitingDecision.map((e) => ({
        __typename: 'ReportEnhancement',
        ...e,
      })),
      siteWalks: report.siteWalks.map((w) => ({ __typename: 'ReportWalk', ...w })),
      qualityByArea: report.qualityByArea.map((q) => ({ __typename: 'ReportAreaScore', ...q })),
      nextVisits: report.nextVisits.map((v) => ({ __typename: 'ReportVisit', ...v })),
    },
  };
}

const mock = (input: Record<string, unknown>) => ({
  request: { query: CustomerReportPageQuery, variables: { accountId: 'a1', input: { accountId: 'a1', ...input } } },
  result: { data: withTypenames() },
});

describe('CustomerReportPage', () => {
  it('leaves the period to the server, and keeps the pick of pairs in the URL and the PDF link', async () => {
    renderPage(<CustomerReportPage />, {
      path: '/accounts/:accountId/report',
      url: '/accounts/a1/report',
      user: testUser({ role: 'ACCOUNT_MANAGER' }),
      mocks: [mock({})],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cherry Creek Office Park' })).toBeTruthy();
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-05-01');
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      '/reports/customer.pdf?accountId=a1&pairs=i1%2Ci2',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show “Trip hazard at the entrance” in the report' }));
    await waitFor(() => expect(screen.getByTestId('location-search').textContent).toBe('?pairs=i2'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show “Litter by the loading dock” in the report' }));
    await waitFor(() => expect(screen.getByTestId('location-search').textContent).toBe('?pairs=i2%2Ci3'));
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      '/reports/customer.pdf?accountId=a1&pairs=i2%2Ci3',
    );
    // The preview is what the customer reads: the chosen pairs, no checkboxes.
    fireEvent.click(screen.getByText('Preview'));
    await waitFor(() => expect(screen.queryAllByRole('checkbox')).toHaveLength(0));
    expect(screen.getAllByTestId('proof-pair').map((p) => p.getAttribute('data-chosen'))).toEqual(['true', 'true']);
  });
});
