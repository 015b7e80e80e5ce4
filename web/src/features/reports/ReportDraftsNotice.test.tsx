import { useQuery } from '@apollo/client/react';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CustomerReportDraftsQuery as DraftsData } from '../../gql/graphql';
import { renderPage, testUser } from '../../test.render';
import { CustomerReportDraftsQuery, ReportDraftsNotice } from './ReportDraftsNotice';

type Draft = DraftsData['customerReportDrafts'][number];

function draft(n: number, sharedAt: string | null = null): Draft {
  return {
    __typename: 'CustomerReportDraft',
    accountId: `a${n}`,
    accountName: `Account ${n}`,
    from: '2026-05-01',
    to: '2026-05-31',
    sharedAt,
  };
}

// Says when the drafts query has answered (from the same cache), so "nothing shown" is
// asserted after the answer, not before it arrived.
function DraftsAnswered() {
  const { data } = useQuery(CustomerReportDraftsQuery, { fetchPolicy: 'cache-only' });
  return data ? <output data-testid="drafts-answered">{data.customerReportDrafts.length}</output> : null;
}

function show(drafts: Draft[]) {
  return renderPage(
    <>
      <ReportDraftsNotice />
      <DraftsAnswered />
    </>,
    {
      path: '/accounts',
      url: '/accounts',
      user: testUser({ role: 'ACCOUNT_MANAGER' }),
      mocks: [{ request: { query: CustomerReportDraftsQuery }, result: { data: { customerReportDrafts: drafts } } }],
      extraRoutes: [{ path: '/accounts/:accountId/report', element: <p>report review</p> }],
    },
  );
}

const links = (notice: HTMLElement) =>
  within(notice)
    .getAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);

describe('ReportDraftsNotice', () => {
  it('shows nothing when every one of last month’s reports has been shared', async () => {
    show([draft(1, '2026-06-02T16:00:00.000Z'), draft(2, '2026-06-03T09:30:00.000Z')]);
    expect((await screen.findByTestId('drafts-answered')).textContent).toBe('2');
    expect(screen.queryByTestId('report-drafts')).toBeNull();
  });

  it('lists only the reports not yet shared, each linking to its review', async () => {
    const { router } = show([draft(1, '2026-06-02T16:00:00.000Z'), draft(2), draft(3, '2026-06-03T09:30:00.000Z')]);
    const notice = await screen.findByTestId('report-drafts');
    expect(within(notice).getByText(/^1 customer report ready to review — May 1\s–\s31, 2026$/)).toBeTruthy();
    expect(links(notice)).toEqual([['Account 2', '/accounts/a2/report']]);
    expect(within(notice).queryByText(/more$/)).toBeNull();

    fireEvent.click(within(notice).getByRole('link', { name: 'Account 2' }));
    expect(await screen.findByText('report review')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/accounts/a2/report');
  });

  it('names the first 12 waiting reports in order and counts the rest', async () => {
    // 14 waiting, with shared ones in between that are neither named nor counted.
    const drafts = Array.from({ length: 16 }, (_, i) =>
      draft(i + 1, i === 3 || i === 9 ? '2026-06-02T16:00:00.000Z' : null),
    );
    show(drafts);
    const notice = await screen.findByTestId('report-drafts');
    expect(within(notice).getByText(/^14 customer reports ready to review — May 1\s–\s31, 2026$/)).toBeTruthy();
    const waiting = [1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14];
    expect(links(notice)).toEqual(waiting.map((n) => [`Account ${n}`, `/accounts/a${n}/report`]));
    expect(within(notice).getByText('and 2 more')).toBeTruthy();
  });
});
