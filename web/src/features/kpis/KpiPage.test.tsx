import { KPI_METRIC_INFO } from '@groundwork/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onPhoneScreen, renderPage, testUser } from '../../test.render';
import { CREW_NULLS, fakeKpiRecord, fakeKpiRow, fakeKpiTable } from './kpi.fake';
import { KpiManagerNameQuery, KpiPageQuery, KpiRecordsQuery } from './kpi.graphql';
import { KpiPage } from './KpiPage';

const JORDAN = '11111111-1111-4111-8111-111111111111';
const SOFIA = '22222222-2222-4222-8222-222222222222';
const NORTH = '33333333-3333-4333-8333-333333333333';
const BIRCH = '44444444-4444-4444-8444-444444444444';

const company = fakeKpiRow('company', 'Company', {
  routineDue: 25,
  routineFixedOnTime: 21,
  fixedByNextVisit: 0.84,
  resolved: 40,
  firstTimeRight: 0.9,
  medianHoursToFixRoutine: 288,
  medianHoursToFixUrgent: 5.6,
  overdue: 7,
  walksDone: 12,
  walksExpected: 16,
  walkCompliance: 0.75,
  enhancementsIdentified: 5,
  enhancementsQualified: 3,
  enhancementsApproved: 2,
  approvedValue: 48_000,
  approvedValueShare: 0.04,
  planAccounts: 10,
  planReviewsOnTime: 0.6,
  planUpdatesOnTime: 0.3,
  safetyOpen: 1,
  medianHoursToFixSafety: 3.2,
});
// Jordan: 1 of 2 on time (50 %), falling from 90 %; Sofia: nothing due (—), more overdue.
const jordan = fakeKpiRow(
  JORDAN,
  'Jordan Ellis',
  { routineDue: 2, routineFixedOnTime: 1, fixedByNextVisit: 0.5, overdue: 2, medianHoursToFixRoutine: 30 },
  { history: [{ fixedByNextVisit: 0.9 }] },
);
const sofia = fakeKpiRow(SOFIA, 'Sofia Alvarez', { overdue: 5, walkCompliance: 1, walksDone: 4, walksExpected: 4 });

const managersTable = fakeKpiTable({ company, rows: [jordan, sofia] });
const read = (input: Record<string, unknown>, data = managersTable) => ({
  request: { query: KpiPageQuery, variables: { input } },
  result: { data },
});
const managers = read({ dimension: 'ACCOUNT_MANAGER' });

function renderKpis(
  mocks: Parameters<typeof renderPage>[1]['mocks'],
  { url = '/kpis', user = testUser({ role: 'EXECUTIVE' }) }: { url?: string; user?: ReturnType<typeof testUser> } = {},
) {
  return renderPage(<KpiPage />, { path: '/kpis', url, mocks, user });
}

const rowNames = () =>
  screen.getAllByTestId(/^kpi-(company-)?row$/).map((row) => within(row).getAllByRole('rowheader')[0]!.textContent);
const search = () => screen.getByTestId('location-search').textContent;
const figure = (name: RegExp | string) => screen.getByRole('button', { name });

describe('KpiPage', () => {
  beforeEach(() => {
    // "This month" is the company's: December 2026 in Denver.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T18:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pins the company row above the managers, every figure formatted, no data as "—"', async () => {
    renderKpis([managers]);
    const companyRow = await screen.findByTestId('kpi-company-row');
    expect(rowNames()).toEqual(['Companywhole company', 'Jordan Ellis', 'Sofia Alvarez']);
    expect(companyRow.className).toMatch(/company/);
    // Each figure: its main text, then what it is made of.
    const figures = within(companyRow)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(figures).toEqual([
      '84 % 21 of 25',
      '12 d urgent 5.6 h',
      '7',
      '90 % of 40 resolved',
      '75 % 12 of 16',
      '5 → 3 → 2',
      '$48,000 4 % of contract',
      '60 % updated 30 %',
      '1 fixed in 3.2 h',
    ]);
    const sofiaRow = screen.getByRole('row', { name: 'Sofia Alvarez' });
    // Nothing due: "—", not 0 %, and nothing to open.
    expect(within(sofiaRow).getByLabelText('Fixed by next visit: no data').textContent).toBe('—');
    expect(within(sofiaRow).getByLabelText('Time to fix: no data').textContent).toBe('—');
    expect(within(screen.getByRole('row', { name: 'Jordan Ellis' })).getByText('30 h')).toBeTruthy();
    expect(screen.getByLabelText(/^Fixed by next visit, Nov 2026 to Dec 2026: 90 % to 50 %$/)).toBeTruthy();
    expect(screen.getByText('Beside the whole company, Dec 2026 (to date)')).toBeTruthy();
    expect((screen.getByLabelText('Month') as HTMLSelectElement).value).toBe('2026-12');
  });

  it('explains each column from the shared definitions', async () => {
    renderKpis([managers]);
    await screen.findByTestId('kpi-company-row');
    const header = screen.getByRole('button', { name: 'Walk compliance' });
    const description = document.getElementById(header.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toBe(KPI_METRIC_INFO.WALK_COMPLIANCE.means);
    expect(screen.getByText(KPI_METRIC_INFO.SAFETY.means, { selector: 'dd' })).toBeTruthy();
  });

  it('sorts by any column, rows without the figure last, the company pinned, the sort in the URL', async () => {
    renderKpis([managers]);
    await screen.findByTestId('kpi-company-row');
    const header = screen.getByRole('button', { name: 'Fixed by next visit' });
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(header);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(rowNames().slice(1)).toEqual(['Jordan Ellis', 'Sofia Alvarez']);
    expect(search()).toBe('?sort=fixed-by-next-visit&dir=desc');
    fireEvent.click(header);
    // Ascending: Sofia has no figure, so she stays last.
    expect(rowNames().slice(1)).toEqual(['Jordan Ellis', 'Sofia Alvarez']);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: 'Overdue' }));
    expect(rowNames()).toEqual(['Companywhole company', 'Sofia Alvarez', 'Jordan Ellis']);
  });

  it('drills from a manager into their accounts, shows the filter, and clears it', async () => {
    const accounts = fakeKpiTable({
      dimension: 'ACCOUNT',
      company,
      rows: [fakeKpiRow(BIRCH, 'Birch Court', { overdue: 2 })],
    });
    renderKpis([
      managers,
      read({ dimension: 'ACCOUNT', accountManagerId: JORDAN }, accounts),
      {
        request: { query: KpiManagerNameQuery, variables: { accountManagerId: JORDAN } },
        result: {
          data: {
            accounts: {
              __typename: 'AccountConnection',
              edges: [
                {
                  __typename: 'AccountEdge',
                  node: {
                    __typename: 'Account',
                    id: BIRCH,
                    accountManager: { __typename: 'User', id: JORDAN, name: 'Jordan Ellis' },
                  },
                },
              ],
            },
          },
        },
      },
      read({ dimension: 'ACCOUNT' }, accounts),
    ]);
    await screen.findByTestId('kpi-company-row');
    fireEvent.click(screen.getByRole('link', { name: 'Jordan Ellis' }));
    expect(await screen.findByRole('link', { name: 'Birch Court' })).toBeTruthy();
    expect(search()).toBe(`?dimension=accounts&accountManagerId=${JORDAN}`);
    expect(screen.getByRole('link', { name: 'Birch Court' }).getAttribute('href')).toBe(`/accounts/${BIRCH}`);
    expect(await screen.findByText('Accounts of Jordan Ellis')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filter: accounts of Jordan Ellis' }));
    await waitFor(() => expect(search()).toBe('?dimension=accounts'));
    expect(screen.queryByRole('group', { name: 'Filters' })).toBeNull();
  });

  it('opens the records behind a figure, with their verdicts and links, and the company row’s for the whole scope', async () => {
    const records = (
      input: Record<string, unknown>,
      list: ReturnType<typeof fakeKpiRecord>[],
      total = list.length,
    ) => ({
      request: { query: KpiRecordsQuery, variables: { input } },
      result: {
        data: {
          kpiRecords: {
            __typename: 'KpiRecords',
            metric: input.metric,
            month: '2026-12',
            total,
            truncated: total > list.length,
            records: list,
          },
        },
      },
    });
    const late = fakeKpiRecord({
      id: 'i1',
      title: 'Broken sprinkler head',
      accountId: BIRCH,
      at: '2026-12-03T06:59:59.999Z',
      good: false,
      note: 'Routine · Maintenance North',
    });
    const onTime = fakeKpiRecord({
      id: 'i2',
      title: 'Litter by the gate',
      at: '2026-12-02T06:59:59.999Z',
      good: true,
      hours: 20,
    });
    renderKpis([
      managers,
      records({ dimension: 'ACCOUNT_MANAGER', metric: 'FIXED_BY_NEXT_VISIT', key: JORDAN }, [late, onTime]),
      records({ dimension: 'ACCOUNT_MANAGER', metric: 'OVERDUE' }, [late], 250),
    ]);
    await screen.findByTestId('kpi-company-row');
    fireEvent.click(figure('Fixed by next visit, Jordan Ellis: 50 %, 1 of 2. Show the records'));
    const drawer = await screen.findByRole('dialog', { name: 'Fixed by next visit · Jordan Ellis' });
    expect(await within(drawer).findByText('2 records')).toBeTruthy();
    expect(search()).toBe(`?records=fixed-by-next-visit&row=${JORDAN}`);
    const items = within(drawer).getAllByTestId('kpi-record');
    expect(items.map((item) => item.textContent)).toEqual([
      'Broken sprinkler headLateBirch CourtDue Dec 2, 2026, 11:59 PMRoutine · Maintenance North',
      'Litter by the gateOn timeBirch CourtDue Dec 1, 2026, 11:59 PM · fixed in 20 h',
    ]);
    expect(within(items[0]!).getByRole('link', { name: 'Broken sprinkler head' }).getAttribute('href')).toBe(
      `/accounts/${BIRCH}?issue=i1`,
    );
    fireEvent.click(within(drawer).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(search()).toBe(''));

    // The company row: every record the viewer may see (no row key, no filter), said to be truncated.
    fireEvent.click(figure('Overdue, Company: 7. Show the records'));
    const companyDrawer = await screen.findByRole('dialog', { name: 'Overdue · Company' });
    expect(await within(companyDrawer).findByText('Showing 1 of 250 records')).toBeTruthy();
  });

  it('downloads the chosen month’s table as shown, the company first', async () => {
    const november = { month: '2026-11' };
    const table = fakeKpiTable({
      company: fakeKpiRow('company', 'Company', { fixedByNextVisit: 0.84 }, november),
      rows: [
        fakeKpiRow(JORDAN, 'Jordan Ellis', { fixedByNextVisit: 0.5, overdue: 2 }, november),
        fakeKpiRow(SOFIA, 'Sofia Alvarez', { overdue: 5 }, november),
      ],
    });
    const created: Blob[] = [];
    const downloads: string[] = [];
    // jsdom makes no object URLs and does not download: the blob and the file name are caught here.
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:kpis';
    };
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    try {
      renderKpis([managers, read({ dimension: 'ACCOUNT_MANAGER', month: '2026-11' }, table)]);
      await screen.findByTestId('kpi-company-row');
      fireEvent.change(screen.getByLabelText('Month'), { target: { value: '2026-11' } });
      expect(await screen.findByText('Beside the whole company, Nov 2026')).toBeTruthy();
      expect(search()).toBe('?month=2026-11');
      fireEvent.click(screen.getByRole('button', { name: 'Overdue' }));
      fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
      expect(downloads).toEqual(['kpis-account-managers-2026-11.csv']);
      const text = await created[0]!.text();
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines.map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
        'Account manager,Month,Fixed by next visit (%)',
        'Company,2026-11,84',
        'Sofia Alvarez,2026-11,',
        'Jordan Ellis,2026-11,50',
      ]);
    } finally {
      click.mockRestore();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    }
  });

  it('says when the rows are cut short', async () => {
    renderKpis(
      [
        read(
          { dimension: 'ACCOUNT' },
          fakeKpiTable({ dimension: 'ACCOUNT', company, rows: [jordan], rowCount: 412, truncated: true }),
        ),
      ],
      { url: '/kpis?dimension=accounts' },
    );
    expect((await screen.findByTestId('kpi-truncated')).textContent).toBe(
      'Showing 1 of 412 — choose a manager or crew to narrow',
    );
  });

  it('shows a crew lead its crew only: no other rows offered, no records it may not read', async () => {
    const crewRow = fakeKpiRow(NORTH, 'Maintenance North', { ...CREW_NULLS, overdue: 3 });
    renderKpis([read({ dimension: 'CREW' }, fakeKpiTable({ dimension: 'CREW', company, rows: [crewRow] }))], {
      user: testUser({ role: 'CREW_LEAD' }),
    });
    const row = await screen.findByRole('row', { name: 'Maintenance North' });
    expect(screen.queryByText('Rows')).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Accounts' })).toBeNull();
    // Its name leads nowhere (no accounts for a crew lead); its account figures are "—".
    expect(within(row).queryByRole('link')).toBeNull();
    expect(within(row).getByLabelText('Walk compliance: no data').textContent).toBe('—');
    // The company's walks are the whole company's figure; a crew lead has no such records to open.
    const companyRow = screen.getByTestId('kpi-company-row');
    expect(within(companyRow).queryByRole('button', { name: /^Walk compliance/ })).toBeNull();
    expect(within(companyRow).getByRole('button', { name: /^Overdue, Company/ })).toBeTruthy();
  });

  it('stacks the rows on a phone, the company first, sorted from a list', async () => {
    const undo = onPhoneScreen();
    try {
      renderKpis([managers]);
      const list = await screen.findByRole('list', { name: 'KPIs by account manager' });
      const items = within(list).getAllByRole('listitem');
      expect(items.map((item) => item.getAttribute('aria-label'))).toEqual([
        'Company',
        'Jordan Ellis',
        'Sofia Alvarez',
      ]);
      fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'OVERDUE' } });
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((item) => item.getAttribute('aria-label')),
      ).toEqual(['Company', 'Sofia Alvarez', 'Jordan Ellis']);
    } finally {
      undo();
    }
  });
});
