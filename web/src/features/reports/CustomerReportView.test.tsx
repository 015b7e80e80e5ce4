import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme';
import { TEST_COMPANY_TIME_ZONE } from '../../test.render';
import { CompanyTimeZoneContext } from '../../ui/company-calendar';
import { CustomerReportView } from './CustomerReportView';
import { fakeCustomerReport } from './report.fake';

const photoUrl = (id: string, size: string) => `/x/${id}/${size}`;

function renderView(ui: React.ReactElement) {
  return render(
    <MantineProvider theme={theme}>
      <CompanyTimeZoneContext.Provider value={TEST_COMPANY_TIME_ZONE}>{ui}</CompanyTimeZoneContext.Provider>
    </MantineProvider>,
  );
}

const pairTitles = () =>
  screen.getAllByTestId('proof-pair').map((pair) =>
    within(pair)
      .getByRole('img', { name: /^Before/ })
      .getAttribute('alt'),
  );

describe('CustomerReportView', () => {
  it('shows the figures of the period in plain words', () => {
    renderView(<CustomerReportView report={fakeCustomerReport()} photoUrl={photoUrl} companyName="Greenway Grounds" />);
    expect(screen.getByText('Greenway Grounds')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Cherry Creek Office Park' })).toBeTruthy();
    expect(screen.getByText('All properties')).toBeTruthy();
    expect(screen.getByTestId('report-period').textContent).toBe('Our work for you, May 1\u2009–\u200931, 2026');
    expect(screen.getByTestId('figure-found').textContent).toBe('7');
    expect(screen.getByTestId('figure-fixed').textContent).toBe('5');
    expect(screen.getByTestId('figure-by-next-visit').textContent).toBe('75%');
    expect(screen.getByTestId('figure-still-open').textContent).toBe('1');
    expect(screen.getByTestId('report-median').textContent).toBe(
      'Typical time to fix: 30.5 hours for routine issues, 6 hours for urgent ones.',
    );
    expect(
      screen.getByText(/Of the 7 issues found: 3 on our site walks, 2 spotted by our crews, 2 reported by you\./),
    ).toBeTruthy();
    expect(screen.getByText('Broken sprinkler head — North Campus, due May 5, 2026')).toBeTruthy();
    expect(screen.getByTestId('enhancements-approved-value').textContent).toBe(
      '1 improvement approved, worth $4,800 in all.',
    );
    expect(screen.getByText('Drip irrigation for the south beds — South Campus, $12,500')).toBeTruthy();
    const care = screen.getByTestId('report-care');
    expect(within(care).getByText('You joined us')).toBeTruthy();
    expect(within(care).getByText('Walked without you')).toBeTruthy();
    const areas = screen.getAllByTestId('quality-area').map((row) => row.textContent);
    expect(areas).toEqual([
      'Turfbetter than the period before (3.5)4.3',
      'Treeslower than the period before (3.5)3.0',
      'Irrigationno score the period before4.0',
    ]);
    expect(within(care).getByText('Jun 15, 2026: Maintenance, North Campus')).toBeTruthy();
  });

  it('shows a dash, never 0 %, when no fix had a scheduled visit to be done by', () => {
    renderView(
      <CustomerReportView
        report={fakeCustomerReport({
          fixedByNextVisitPercent: null,
          routineFixedWithVisit: 0,
          fixedByNextVisit: 0,
          medianHoursToFixUrgent: null,
        })}
        photoUrl={photoUrl}
      />,
    );
    expect(screen.getByTestId('figure-by-next-visit').textContent).toBe('—');
    expect(screen.queryByText(/By the next scheduled visit/)).toBeNull();
    expect(screen.getByTestId('report-median').textContent).toBe('Typical time to fix: 30.5 hours for routine issues.');
  });

  it('shows the customer only the chosen pairs, before beside after', () => {
    renderView(<CustomerReportView report={fakeCustomerReport()} photoUrl={photoUrl} />);
    expect(pairTitles()).toEqual(['Before: Trip hazard at the entrance', 'Before: Weeds along the east path']);
    const first = screen.getAllByTestId('proof-pair')[0]!;
    expect(within(first).getByRole('img', { name: 'After: Trip hazard at the entrance' }).getAttribute('src')).toBe(
      '/x/a1/display',
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('lists every pair with its pick for the account manager, and reports a change', () => {
    const onTogglePair = vi.fn();
    renderView(
      <CustomerReportView
        report={fakeCustomerReport()}
        photoUrl={photoUrl}
        chosenPairIds={new Set(['i1', 'i3'])}
        onTogglePair={onTogglePair}
      />,
    );
    expect(screen.getAllByTestId('proof-pair').map((p) => p.dataset.chosen)).toEqual(['true', 'false', 'true']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show “Trip hazard at the entrance” in the report' }));
    expect(onTogglePair).toHaveBeenCalledWith('i1', false);
  });
});
