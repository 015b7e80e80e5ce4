import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test.render';
import { fakeCustomerReport } from './report.fake';
import { SharedReportPage } from './SharedReportPage';

// The server's answers (GET /shared/reports/:token.json) stand in for the network here;
// test/e2e/customer-report.e2e.test.ts opens real links on a real server.
function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const open = () => renderPage(<SharedReportPage />, { path: '/r/:token', url: '/r/tok_123' });

describe('SharedReportPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the shared report with its photos and PDF through the link', async () => {
    const report = fakeCustomerReport();
    const fetchMock = answer(200, {
      companyName: 'Greenway Grounds',
      report: { ...report, proofPairs: report.proofPairs.filter((p) => p.chosen) },
    });
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Cherry Creek Office Park' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith('/shared/reports/tok_123.json', expect.anything());
    expect(screen.getByText('Greenway Grounds')).toBeTruthy();
    expect(screen.getAllByTestId('proof-pair')).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'After: Trip hazard at the entrance' }).getAttribute('src')).toBe(
      '/shared/reports/tok_123/photos/a1/display',
    );
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe('/shared/reports/tok_123.pdf');
  });

  it.each([
    [404, { error: 'NOT_FOUND' }, 'We could not find this report'],
    [410, { error: 'EXPIRED' }, 'This report link has expired'],
    [410, { error: 'REVOKED' }, 'This report link was withdrawn'],
  ])('answers %i %o with a clear page', async (status, body, title) => {
    answer(status, body);
    open();
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.queryByTestId('customer-report')).toBeNull();
  });
});
